/**
 * `bankbridge demo pay`: a payment walked through as a TPP makes it, at a bank of the user's
 * choice, after the consent the demo needs to show the payment booked in the account's
 * transactions. The SCA is the bank's (BankID QR code in the terminal, or the redirect back
 * to the demo's callback port); the status is followed until the bank booked or rejected it.
 */
import {
  type AccountDetails,
  type AnimatedQrPayment,
  type AuthorisedPayment,
  type Bankbridge,
  type Payment,
  type PaymentStatus,
  RedirectCallbackError,
} from '@bankbridge/client';
import {
  approveInSimulator,
  type SandboxPsu,
  sandboxPayee,
  sandboxPsu,
} from '../../sandbox-banks.js';
import { animatedQrDrawer, showBankIdChallenge } from './bankid-challenge.js';
import { type CallbackServer, listenForCallback } from './callback-server.js';
import {
  authorisedConsent,
  type ChosenBank,
  chooseBank,
  type DemoContext,
  demoClient,
  scanInSimulator,
  TERMINAL_PSU,
} from './run-demo.js';
import { DemoSetupError } from './settings.js';

export const PAY_DEMO_STEPS = 8;

export interface PayDemoSettings {
  amount: string;
  payeeIban: string | undefined;
  payeeName: string | undefined;
  message: string;
}

export async function runPayDemo(context: DemoContext, pay: PayDemoSettings): Promise<void> {
  const { settings, printer } = context;
  printer.raw(
    `Bankbridge demo: a payment through ${settings.apiUrl} (auth ${settings.authUrl}), as client ${settings.clientId}`,
  );
  printer.hint(
    'First a consent, to see the account; then the payment, its SCA and status, and the booking.',
  );
  const bankbridge = demoClient(context);
  const bank = await chooseBank(context, bankbridge);
  const person = await sandboxPsu(settings.sandboxUrl, bank.bic, settings.psuId);
  const consent = await authorisedConsent(context, bankbridge, bank, person);
  const ais = bankbridge.accountInformation({ ...consent, psu: TERMINAL_PSU });

  printer.step(5, 'The payment');
  const { accounts } = await ais.accounts({ signal: context.signal });
  const debtor = accounts.find((a) => a.iban);
  if (!debtor?.iban)
    throw new DemoSetupError(
      `the consent at ${bank.bic} covers no account with an IBAN to pay from`,
    );
  const payee = await payeeOf(context, bank, pay, debtor);
  const payment = await createPayment(context, bankbridge, bank, debtor, payee, pay);

  let authorised: AuthorisedPayment | undefined;
  try {
    printer.step(
      6,
      `Strong customer authentication of the payment (${payment.scaApproach.toLowerCase()})`,
    );
    authorised = await authorise(context, payment, person);
    printer.ok(`payment ${payment.paymentId} authorised: ${describeStatus(authorised)}`);
  } finally {
    if (!authorised) await cancelUnfinished(context, payment);
  }

  printer.step(7, 'The payment status, until the bank booked it');
  const final = await followStatus(context, payment, authorised);
  printer.ok(`payment ${payment.paymentId} executed: ${describeStatus(final)}`);

  printer.step(8, `The payment in ${debtor.name ?? debtor.iban}'s transactions`);
  await showBooked(context, bankbridge, consent, debtor, pay);
}

async function payeeOf(
  context: DemoContext,
  bank: ChosenBank,
  pay: PayDemoSettings,
  debtor: AccountDetails,
): Promise<{ name: string; iban: string }> {
  if (pay.payeeIban) return { iban: pay.payeeIban, name: pay.payeeName ?? 'Payee' };
  const found = await sandboxPayee(
    context.settings.sandboxUrl,
    bank.bic,
    context.settings.psuId,
    debtor.currency,
  );
  if (!found) {
    throw new DemoSetupError(
      `no other ${debtor.currency} account at ${bank.bic} to pay: name one with --payee-iban`,
    );
  }
  return { iban: found.iban, name: pay.payeeName ?? found.name };
}

async function createPayment(
  context: DemoContext,
  bankbridge: Bankbridge,
  bank: ChosenBank,
  debtor: AccountDetails,
  payee: { name: string; iban: string },
  pay: PayDemoSettings,
): Promise<Payment | AnimatedQrPayment> {
  const { printer, settings, signal } = context;
  const currency = debtor.currency;
  // Euros travel as SEPA credit transfers; other currencies as the bank's domestic payment.
  const paymentProduct = currency === 'EUR' ? 'sepa-credit-transfers' : 'domestic';
  const drawer = animatedQrDrawer(printer, process.stdout.isTTY === true);
  printer.info(
    `${pay.amount} ${currency} from ${debtor.iban} to ${payee.name} (${payee.iban}): "${pay.message}"`,
  );
  const payment = await bankbridge.pay({
    bic: bank.bic,
    psu: TERMINAL_PSU,
    paymentProduct,
    payment: {
      instructedAmount: { currency, amount: pay.amount },
      debtorAccount: { iban: debtor.iban as string, currency },
      creditorAccount: { iban: payee.iban, currency },
      creditorName: payee.name,
      remittanceInformationUnstructured: pay.message,
    },
    redirectUri: settings.redirectUri,
    signal,
    ...(settings.animatedQr
      ? { animatedQr: 'token' as const, onQrCode: (code: string) => void drawer.draw(code) }
      : {}),
  });
  printer.ok(
    `payment ${payment.paymentId} created (payments/${paymentProduct}), status RCVD; SCA by ${payment.scaApproach.toLowerCase()}`,
  );
  return payment;
}

async function authorise(
  context: DemoContext,
  payment: Payment | AnimatedQrPayment,
  person: SandboxPsu,
): Promise<AuthorisedPayment> {
  const { printer, settings, signal } = context;
  if (payment.kind === 'redirect') {
    const server = await listenForCallback(settings.redirectUri);
    try {
      return await redirectSca(context, payment, person, server);
    } finally {
      await server.close();
    }
  }
  if (payment.animatedQr === 'token') {
    printer.info('Scan the QR code above with the BankID app; it changes every second.');
    if (settings.approveWithSimulator) {
      await scanInSimulator(settings.sandboxUrl, payment.qrCode, person.psuId, signal);
      printer.ok(`signed in the BankID simulator as ${person.name} (--approve-with-simulator)`);
    }
    return payment.waitUntilAuthorised({ signal });
  }
  await showBankIdChallenge(printer, payment, settings.sandboxUrl, person);
  if (settings.approveWithSimulator) {
    await approveInSimulator(settings.sandboxUrl, payment.autostartToken, person.psuId, signal);
    printer.ok(`signed in the BankID simulator as ${person.name} (--approve-with-simulator)`);
  }
  printer.info('Waiting for the PSU to sign the payment in BankID... (Ctrl-C cancels it)');
  return printer.quietly('polled the authorisation while waiting', () =>
    payment.waitUntilAuthorised({ signal, intervalMs: settings.pollIntervalMs }),
  );
}

async function redirectSca(
  context: DemoContext,
  payment: Extract<Payment, { kind: 'redirect' }>,
  person: SandboxPsu,
  server: CallbackServer,
): Promise<AuthorisedPayment> {
  const { printer, settings, signal } = context;
  printer.info('Open this link in your browser to sign the payment at the bank:');
  printer.raw(`\n  ${payment.url}\n`);
  printer.hint(`At the bank's login page choose ${person.name} (${person.psuId}) and approve.`);
  printer.info(`Waiting for the bank to send the browser back to ${settings.redirectUri}...`);
  for (;;) {
    const callback = await server.next(signal);
    try {
      const authorised = await payment.handleCallback(callback.url, { signal });
      callback.respond(true, `Payment ${payment.paymentId} is authorised.`);
      printer.ok(
        'the browser came back with a code; exchanged it with X-PaymentId and X-PaymentAuthorisationId',
      );
      return authorised;
    } catch (error) {
      const text = (error as { text?: string }).text ?? (error as Error).message;
      callback.respond(false, text);
      if (error instanceof RedirectCallbackError) {
        printer.warn(`ignored a callback that is not for this payment: ${text}`);
        continue;
      }
      throw error;
    }
  }
}

/** Waits until the bank booked the payment; PaymentFailedError when it rejected it. */
async function followStatus(
  context: DemoContext,
  payment: Payment | AnimatedQrPayment,
  first: PaymentStatus,
): Promise<PaymentStatus> {
  const { printer, settings, signal } = context;
  printer.info(`now ${describeStatus(first)}`);
  if (first.state === 'executed') return first;
  printer.info(
    'A cleared payment books after the clearing delay (30 s in the sandbox); instant ones at once.',
  );
  return printer.quietly('polled the payment status while waiting', () =>
    payment.waitUntilFinal({ signal, intervalMs: settings.pollIntervalMs }),
  );
}

function describeStatus(status: PaymentStatus): string {
  return `${status.transactionStatus} (${status.state})`;
}

async function showBooked(
  context: DemoContext,
  bankbridge: Bankbridge,
  consent: { consentId: string; bic: string },
  debtor: AccountDetails,
  pay: PayDemoSettings,
): Promise<void> {
  const { printer, signal } = context;
  const ais = bankbridge.accountInformation({ ...consent, psu: TERMINAL_PSU });
  const dateFrom = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const { transactions } = await ais.transactions(
    debtor.resourceId,
    { bookingStatus: 'booked', dateFrom },
    { signal },
  );
  const booked = transactions?.booked ?? [];
  const ours = booked.find(
    (t) =>
      t.remittanceInformationUnstructured === pay.message &&
      t.transactionAmount.amount.replace(/^-/, '') === normalised(pay.amount),
  );
  printer.table(
    [
      { header: '' },
      { header: 'Booked' },
      { header: 'Amount', align: 'right' },
      { header: 'Currency' },
      { header: 'Counterparty', maxWidth: 28 },
      { header: 'Text', maxWidth: 36 },
    ],
    booked
      .slice(0, 10)
      .map((t) => [
        t === ours ? '→' : '',
        t.bookingDate ?? t.valueDate ?? '',
        t.transactionAmount.amount,
        t.transactionAmount.currency,
        (t.transactionAmount.amount.startsWith('-') ? t.creditorName : t.debtorName) ?? '',
        t.remittanceInformationUnstructured ?? '',
      ]),
  );
  if (ours) printer.ok(`the payment is booked on ${ours.bookingDate ?? 'today'}`);
  else
    printer.warn('the payment is not among the booked transactions yet: the bank books it later');
  printer.raw('\nDone.');
}

function normalised(amount: string): string {
  return Number(amount).toFixed(2);
}

async function cancelUnfinished(
  context: DemoContext,
  payment: Payment | AnimatedQrPayment,
): Promise<void> {
  try {
    await payment.cancel({ signal: AbortSignal.timeout(5000) });
    context.printer.warn(`cancelled payment ${payment.paymentId}: its SCA did not finish`);
  } catch {
    context.printer.warn(
      `payment ${payment.paymentId} stays RCVD: the bank rejects it when nobody authorises it in time`,
    );
  }
}
