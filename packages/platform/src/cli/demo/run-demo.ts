/**
 * The guided demo: the integration guide's steps against a running Bankbridge, through the
 * client SDK, each printed with the calls it made. Whatever stops it (Ctrl-C, a failure),
 * a consent whose SCA did not finish is deleted, and the callback port is closed.
 */
import {
  type AccountInformationApi,
  type AnimatedQrConnection,
  Bankbridge,
  type ConnectedConsent,
  type Connection,
  FormatError,
  type Psu,
  RedirectCallbackError,
  ResourceUnknownError,
  ServiceInvalidError,
} from '@bankbridge/client';
import { approveInSimulator, type SandboxPsu, sandboxPsu } from '../../sandbox-banks.js';
import { animatedQrDrawer, showBankIdChallenge } from './bankid-challenge.js';
import { type CallbackServer, listenForCallback } from './callback-server.js';
import type { Printer } from './output.js';
import { ask } from './prompt.js';
import { checkRedirectUriRegistered } from './redirect-uri-check.js';
import { type DemoSettings, DemoSetupError } from './settings.js';

export const DEMO_STEPS = 6;
const DEFAULT_BANK = 'SWEDSESS';

export interface DemoContext {
  settings: DemoSettings;
  printer: Printer;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
  /** Whether a person can answer questions. */
  interactive: boolean;
  /** What Ctrl-C at a prompt does. */
  interrupt: () => void;
}

export async function runDemo(context: DemoContext): Promise<void> {
  const { settings, printer, signal } = context;
  printer.raw(
    `Bankbridge demo: the "Integrate to AIS" guide against ${settings.apiUrl} (auth ${settings.authUrl}), as client ${settings.clientId}`,
  );
  printer.hint('Each step shows the API calls it made; Ctrl-C stops and cleans up.');
  const bankbridge = demoClient(context);
  const bank = await chooseBank(context, bankbridge);
  const person = await sandboxPsu(settings.sandboxUrl, bank.bic, settings.psuId);
  const consent = await authorisedConsent(context, bankbridge, bank, person);

  const ais = bankbridge.accountInformation({ ...consent, psu: TERMINAL_PSU });
  const accountIds = await showAccounts(context, ais);
  await showTransactions(context, ais, accountIds);

  if (settings.deleteConsent) {
    await bankbridge.consents.delete(consent);
    printer.raw(`\nDone. Consent ${consent.consentId} deleted, as --delete-consent asked.`);
    return;
  }
  const information = await bankbridge.consents.get(consent, { signal });
  printer.raw(
    `\nDone. Consent ${consent.consentId} at ${bank.bic} stays valid until ${information.validUntil}.`,
  );
  printer.hint(
    `Read with it yourself: GET ${settings.apiUrl}/psd2/accountinformation/v1/accounts with Consent-ID: ${consent.consentId} and X-BicFi: ${bank.bic}`,
  );
}

/** The person in front of the terminal is the PSU: present, on this machine. */
export const TERMINAL_PSU: Psu = {
  ipAddress: '127.0.0.1',
  userAgent: `Bankbridge demo (terminal; Node.js ${process.version})`,
};

/** The SDK as the demo uses it: every answer printed under the step that made the call. */
export function demoClient(context: DemoContext): Bankbridge {
  const { settings, printer } = context;
  return new Bankbridge({
    apiUrl: settings.apiUrl,
    authUrl: settings.authUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    onResponse: (info) => printer.call(info),
  });
}

/** Steps 3 and 4: a consent at the bank, authorised by the PSU. */
export async function authorisedConsent(
  context: DemoContext,
  bankbridge: Bankbridge,
  bank: ChosenBank,
  person: SandboxPsu,
): Promise<ConnectedConsent> {
  const { settings, printer, signal } = context;
  const psu = TERMINAL_PSU;
  // Whether the bank sends the browser back is known only from the consent's answer: the
  // callback's URI and port are made sure of before, so a refusal leaves no consent behind.
  await checkRedirectUriRegistered(settings, signal);
  const server = await listenForCallback(settings.redirectUri);

  printer.step(3, `Consent at ${bank.name}`);
  let connection: Connection | AnimatedQrConnection | undefined;
  let consent: ConnectedConsent | undefined;
  try {
    connection = await createConsent(context, bankbridge, bank, psu, person);
    printer.ok(
      `consent ${connection.consentId} created, status received; SCA by ${connection.scaApproach.toLowerCase()}`,
    );

    printer.step(4, `Strong customer authentication (${connection.scaApproach.toLowerCase()})`);
    consent =
      connection.kind === 'decoupled'
        ? await decoupledSca(context, connection, person)
        : await redirectSca(context, connection, person, server);
    printer.ok(`consent ${consent.consentId} is valid`);
    return consent;
  } finally {
    await server.close();
    if (connection && !consent) await deleteUnfinished(printer, connection);
  }
}

export interface ChosenBank {
  bic: string;
  name: string;
}

/** Steps 1 and 2: the countries, the banks of one, and the one to connect to. */
export async function chooseBank(
  context: DemoContext,
  bankbridge: Bankbridge,
): Promise<ChosenBank> {
  const { settings, printer, signal } = context;
  printer.step(1, 'Countries Bankbridge reaches banks in');
  const { countries } = await bankbridge.aspspInformation.countries({ signal });
  printer.table(
    [{ header: 'Code' }, { header: 'Country' }],
    countries.map((c) => [c.isoCountryCode ?? '', c.name ?? '']),
  );

  const country = settings.country ?? settings.bank?.slice(4, 6) ?? 'SE';
  const countryName = countries.find((c) => c.isoCountryCode === country)?.name ?? country;
  printer.step(2, `Banks in ${countryName}`);
  const { aspsps } = await bankbridge.aspspInformation
    .aspsps({ isoCountryCodes: [country] }, { signal })
    .catch((error: unknown) => {
      // A country no bank is served in is an error answer, whose text names the way out.
      if (error instanceof ResourceUnknownError || error instanceof FormatError) {
        throw new DemoSetupError(`Bankbridge reaches no bank in ${country}: ${error.text}`);
      }
      throw error;
    });
  printer.table(
    [{ header: '#', align: 'right' }, { header: 'BIC' }, { header: 'Bank', maxWidth: 50 }],
    aspsps.map((a, i) => [String(i + 1), a.bicFi ?? '', a.name ?? '']),
  );
  if (aspsps.length === 0) throw new DemoSetupError(`Bankbridge reaches no bank in ${country}`);

  let bic = settings.bank;
  if (!bic) {
    const fallback = aspsps.some((a) => a.bicFi === DEFAULT_BANK)
      ? DEFAULT_BANK
      : (aspsps[0]?.bicFi as string);
    bic = fallback;
    if (context.interactive && !settings.yes) {
      const answer = await ask(
        `  Connect to which bank? [1-${aspsps.length}, Enter for ${fallback}] `,
        signal,
        context.interrupt,
      );
      const picked = /^\d+$/.test(answer) ? aspsps[Number(answer) - 1]?.bicFi : answer;
      bic = picked ? picked.toUpperCase() : fallback;
    }
  }
  const bank = aspsps.find((a) => a.bicFi === bic);
  if (!bank) {
    throw new DemoSetupError(
      `${bic} is not among the banks in ${countryName}: pick one of ${aspsps.map((a) => a.bicFi).join(', ')}`,
    );
  }
  printer.ok(`chosen: ${bank.name} (${bic})`);
  return { bic, name: bank.name ?? bic };
}

/**
 * The guide's consent, `access: {}` (the PSU picks the accounts during the SCA, at the bank or
 * on Bankbridge's pages in a redirect, which at a bank with BankID only show its BankID too).
 * A bank that refuses it before any SCA (SERVICE_INVALID) has the demo name the test PSU's
 * accounts instead, as a TPP that knows its user's IBANs would.
 */
async function createConsent(
  context: DemoContext,
  bankbridge: Bankbridge,
  bank: ChosenBank,
  psu: Psu,
  person: SandboxPsu,
): Promise<Connection | AnimatedQrConnection> {
  const { printer, signal, settings } = context;
  const drawer = animatedQrDrawer(printer, process.stdout.isTTY === true);
  // Each poll's code is drawn as it comes: the one on the screen is never a second old.
  const animated = settings.animatedQr
    ? { animatedQr: 'token' as const, onQrCode: (code: string) => void drawer.draw(code) }
    : {};
  const connect = (access: Parameters<Bankbridge['connect']>[0]['access']) =>
    bankbridge.connect({
      bic: bank.bic,
      psu,
      access,
      redirectUri: settings.redirectUri,
      signal,
      ...animated,
    });
  try {
    return await connect({});
  } catch (error) {
    if (!(error instanceof ServiceInvalidError) || person.ibans.length === 0) throw error;
    printer.warn(`${bank.name} refused a consent where the PSU picks the accounts: ${error.text}`);
    printer.info(
      `asking instead for ${person.name}'s accounts by IBAN: ${person.ibans.join(', ')}`,
    );
    const accounts = person.ibans.map((iban) => ({ iban }));
    return connect({ accounts, balances: accounts, transactions: accounts });
  }
}

async function decoupledSca(
  context: DemoContext,
  connection: Extract<Connection, { kind: 'decoupled' }> | AnimatedQrConnection,
  person: SandboxPsu,
): Promise<ConnectedConsent> {
  const { printer, settings, signal } = context;
  if (connection.animatedQr === 'token') {
    printer.info('Scan the QR code above with the BankID app; it changes every second.');
    printer.hint(
      `No BankID here? Paste the code under it into ${settings.sandboxUrl}/bankid, press Scan, pick ${person.name} (${person.psuId}), Identify, then Approve.`,
    );
    if (settings.approveWithSimulator) {
      await scanInSimulator(settings.sandboxUrl, connection.qrCode, person.psuId, signal);
      printer.ok(`approved in the BankID simulator as ${person.name} (--approve-with-simulator)`);
    }
    return connection.waitUntilValid({ signal });
  }
  await showBankIdChallenge(printer, connection, settings.sandboxUrl, person);
  if (settings.approveWithSimulator) {
    await approveInSimulator(settings.sandboxUrl, connection.autostartToken, person.psuId, signal);
    printer.ok(`approved in the BankID simulator as ${person.name} (--approve-with-simulator)`);
  }
  printer.info(
    'Waiting for the PSU to approve in BankID... (Ctrl-C cancels and deletes the consent)',
  );
  return printer.quietly('polled the consent status while waiting', () =>
    connection.waitUntilValid({ signal, intervalMs: settings.pollIntervalMs }),
  );
}

/** The simulator scanning the animated QR code, as the PSU's phone would. */
export async function scanInSimulator(
  sandboxUrl: string,
  qr: string,
  psuId: string,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(`${sandboxUrl}/bankid/api/qr`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qr, action: 'approve', psuId }),
    signal,
  });
  if (!response.ok) {
    throw new Error(
      `the BankID simulator refused the QR code: ${response.status} ${await response.text()}`,
    );
  }
}

async function redirectSca(
  context: DemoContext,
  connection: Extract<Connection, { kind: 'redirect' }>,
  person: SandboxPsu,
  server: CallbackServer,
): Promise<ConnectedConsent> {
  const { printer, settings, signal } = context;
  printer.info('Open this link in your browser to log in at the bank:');
  printer.raw(`\n  ${connection.url}\n`);
  printer.hint(
    `At the bank's login page choose ${person.name} (${person.psuId}), tick the accounts and approve.`,
  );
  // At a bank that lets nobody pick, Bankbridge's own page asks first or lists them after.
  if (person.ibans.length > 0) {
    printer.hint(
      `If Bankbridge asks for the account numbers first, enter ${person.ibans.join(', ')}; if it lists the accounts after the bank, tick them there.`,
    );
  }
  printer.hint(
    `If Bankbridge's page then shows a BankID QR code (a bank with BankID only), approve in the BankID simulator its page links to, as ${person.name}.`,
  );
  printer.info(
    `Waiting for the bank to send the browser back to ${settings.redirectUri}... (Ctrl-C cancels and deletes the consent)`,
  );
  for (;;) {
    const callback = await server.next(signal);
    try {
      const consent = await connection.handleCallback(callback.url, { signal });
      callback.respond(true, `Consent ${consent.consentId} is valid.`);
      printer.ok(
        'the browser came back with a code; exchanged it with X-ConsentId and X-ConsentAuthorisationId',
      );
      return consent;
    } catch (error) {
      const text = (error as { text?: string }).text ?? (error as Error).message;
      callback.respond(false, text);
      // Someone else's callback (another state): keep waiting for ours.
      if (error instanceof RedirectCallbackError) {
        printer.warn(`ignored a callback that is not for this consent: ${text}`);
        continue;
      }
      throw error;
    }
  }
}

async function deleteUnfinished(
  printer: Printer,
  connection: Connection | AnimatedQrConnection,
): Promise<void> {
  try {
    await connection.cancel({ signal: AbortSignal.timeout(5000) });
    printer.warn(
      `deleted consent ${connection.consentId}: its SCA did not finish, so nothing is left waiting`,
    );
  } catch (error) {
    printer.warn(
      `could not delete consent ${connection.consentId} (${(error as Error).message}); it becomes rejected when its SCA times out`,
    );
  }
}

/** Step 5: the accounts the consent covers and their balances. */
async function showAccounts(
  context: DemoContext,
  ais: AccountInformationApi,
): Promise<Map<string, string>> {
  const { printer, signal } = context;
  printer.step(5, 'Accounts and balances');
  const { accounts } = await ais.accounts({ signal });
  printer.table(
    [{ header: 'Account' }, { header: 'IBAN' }, { header: 'Currency' }, { header: 'Product' }],
    accounts.map((a) => [
      a.name ?? '',
      a.iban ?? a.bban ?? '',
      a.currency,
      a.product ?? a.cashAccountType ?? '',
    ]),
  );
  const names = new Map<string, string>();
  const rows: string[][] = [];
  for (const account of accounts) {
    if (!account.resourceId) continue;
    const label = account.name ?? account.iban ?? account.resourceId;
    names.set(account.resourceId, label);
    const { balances } = await ais.balances(account.resourceId, { signal });
    for (const balance of balances) {
      rows.push([
        label,
        balance.balanceType,
        balance.balanceAmount.amount,
        balance.balanceAmount.currency,
        balance.referenceDate ?? '',
      ]);
    }
  }
  printer.raw('');
  printer.table(
    [
      { header: 'Account' },
      { header: 'Balance' },
      { header: 'Amount', align: 'right' },
      { header: 'Currency' },
      { header: 'Date' },
    ],
    rows,
  );
  return names;
}

/** Step 6: the latest booked transactions of each account, newest first. */
async function showTransactions(
  context: DemoContext,
  ais: AccountInformationApi,
  accounts: Map<string, string>,
): Promise<void> {
  const { printer, settings, signal } = context;
  printer.step(6, `Latest transactions (up to ${settings.transactions} per account, last 30 days)`);
  const dateFrom = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  for (const [accountId, label] of accounts) {
    printer.info(`${label}:`);
    const rows: string[][] = [];
    if (settings.transactions > 0) {
      for await (const { transaction } of ais.eachTransaction(
        accountId,
        { bookingStatus: 'booked', dateFrom },
        { signal },
      )) {
        const amount = transaction.transactionAmount;
        const outgoing = amount.amount.startsWith('-');
        rows.push([
          transaction.bookingDate ?? transaction.valueDate ?? '',
          amount.amount,
          amount.currency,
          (outgoing ? transaction.creditorName : transaction.debtorName) ?? '',
          transaction.remittanceInformationUnstructured ?? '',
        ]);
        if (rows.length >= settings.transactions) break;
      }
    }
    if (rows.length === 0) {
      printer.hint('no booked transactions in the last 30 days');
      continue;
    }
    printer.table(
      [
        { header: 'Booked' },
        { header: 'Amount', align: 'right' },
        { header: 'Currency' },
        { header: 'Counterparty', maxWidth: 28 },
        { header: 'Text', maxWidth: 36 },
      ],
      rows,
    );
    printer.raw('');
  }
}
