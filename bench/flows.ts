/**
 * The benchmarks' two clients: a TPP talking to Bankbridge over HTTP, and Bankbridge's own bank
 * connector talking to a sandbox bank directly (what Bankbridge does behind one TPP call).
 */
import { randomUUID } from 'node:crypto';
import { PAYMENT_STATES, type TransactionStatus } from '../packages/client/src/payment-status.js';
import {
  type BankConnector,
  createConnectors,
  SANDBOX_CREDENTIALS,
} from '../packages/platform/src/connectors/index.js';
import { createLogger } from '../packages/platform/src/logging/logger.js';
import { defaultRegistryPath, loadRegistry } from '../packages/platform/src/registry/index.js';

export const PSU = { 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Bankbridge benchmark' };
export const ANNA = '198301014882';
const DAY = 86_400_000;

export const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

// The benchmarks read a handful of known fields of the answers; a schema per answer would be
// noise.
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Answer = Record<string, any>;

export async function json(response: Response, what: string): Promise<Answer> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text}`);
  return text === '' ? {} : (JSON.parse(text) as Answer);
}

export const consentBody = () => ({
  access: {},
  recurringIndicator: true,
  validUntil: isoDate(Date.now() + 30 * DAY),
  frequencyPerDay: 4,
  combinedServiceIndicator: false,
});

/** What the PSU does in the BankID app: approve the order. */
export async function approveInBankId(
  sandboxUrl: string,
  autostartToken: string,
  psuId = ANNA,
): Promise<void> {
  await json(
    await fetch(`${sandboxUrl}/bankid/api/orders/${autostartToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId }),
    }),
    'BankID approval',
  );
}

export async function clientCredentialsToken(
  auth: string,
  client: { client_id: string; client_secret: string },
  scope: string,
): Promise<string> {
  const body = await json(
    await fetch(`${auth}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: client.client_secret,
        scope,
      }),
    }),
    `token for ${scope}`,
  );
  return body.access_token as string;
}

type TppCall = (method: string, url: string, body?: unknown) => Promise<Answer>;

/** A TPP's JSON calls at one bank, the PSU present, asking for decoupled SCA (BankID). */
function tppCalls(token: string, bic: string): TppCall {
  return async (method, url, body) =>
    json(
      await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': randomUUID(),
          'x-bicfi': bic,
          'tpp-redirect-preferred': 'false',
          ...PSU,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      `${method} ${url}`,
    );
}

/**
 * The guide's decoupled SCA of the consent or payment at `resourceUrl`: start its
 * authorisation, choose `mbid`, and the PSU approves in the BankID simulator.
 */
async function signWithBankId(
  call: TppCall,
  resourceUrl: string,
  sandboxUrl: string,
  psuId = ANNA,
): Promise<void> {
  const { authorisationId } = await call('POST', `${resourceUrl}/authorisations`);
  const chosen = await call('PUT', `${resourceUrl}/authorisations/${authorisationId}`, {
    authenticationMethodId: 'mbid',
  });
  await approveInBankId(sandboxUrl, chosen.challengeData.data[0], psuId);
}

/** A TPP's Consent API calls at one bank, through one Bankbridge instance. */
export function consentApi(api: string, token: string, bic: string) {
  const base = `${api}/psd2/consent/v1/consents`;
  const call = tppCalls(token, bic);
  return {
    create: async () => (await call('POST', base, consentBody())).consentId as string,
    /** The guide's decoupled flow to a valid consent; returns its id. */
    async decoupled(sandboxUrl: string, psuId = ANNA): Promise<string> {
      const { consentId } = await call('POST', base, consentBody());
      await signWithBankId(call, `${base}/${consentId}`, sandboxUrl, psuId);
      const { consentStatus } = await call('GET', `${base}/${consentId}/status`);
      if (consentStatus !== 'valid') throw new Error(`consent is ${consentStatus}`);
      return consentId;
    },
  };
}

/**
 * The guide's payment body, a small amount so that thousands of payments stay within the
 * account's balance, to an account outside the sandbox, so that it clears (ACSP, then ACSC)
 * rather than being credited at once.
 */
export const paymentBody = (debtorIban: string) => ({
  instructedAmount: { currency: 'SEK', amount: '1.00' },
  debtorAccount: { iban: debtorIban, currency: 'SEK' },
  creditorName: 'Enterprise Inc',
  creditorAccount: { iban: 'SE0390200000090201234567', currency: 'SEK' },
  remittanceInformationUnstructured: 'Inv. 4711',
});

/** A signed payment the bank has not executed yet (the SDK's `authorised`): poll on. */
const notExecutedYet = (status: string) =>
  PAYMENT_STATES[status as TransactionStatus] === 'authorised';
const MAX_STATUS_READS = 20;

/**
 * The first day of the two years of history a transactions page reaches back to, by the sandbox
 * banks' clock (bench/sandbox.ts may run it ahead of the machine's): the dates sent to the
 * banks must be theirs.
 */
export async function historyStart(sandboxUrl: string): Promise<string> {
  const bank = await json(
    await fetch(`${sandboxUrl}/admin/payments/run-due`, { method: 'POST' }),
    'sandbox clock',
  );
  return isoDate(Date.parse(bank.now) - 729 * DAY);
}

/** A PSU's IBANs at a sandbox bank, from its admin API. */
export async function ibansOf(sandboxUrl: string, bic: string, psuId = ANNA): Promise<string[]> {
  const { psus } = await json(await fetch(`${sandboxUrl}/admin/banks/${bic}/psus`), 'PSUs');
  const psu = (psus as Answer[]).find((p) => p.psuId === psuId);
  if (!psu) throw new Error(`${psuId} is no PSU of ${bic}`);
  return (psu.accounts as Answer[]).map((a) => a.iban as string);
}

/** A TPP's Payment Initiation API calls at one bank, through one Bankbridge instance. */
export function paymentApi(api: string, token: string, bic: string) {
  const base = `${api}/psd2/paymentinitiation/v1/payments/domestic`;
  const call = tppCalls(token, bic);
  return {
    /**
     * The guide's decoupled payment: create, start the authorisation, choose `mbid`, the PSU
     * signs in the BankID simulator, then the status until the bank has executed it.
     */
    async decoupled(sandboxUrl: string, debtorIban: string): Promise<string> {
      const { paymentId } = await call('POST', base, paymentBody(debtorIban));
      await signWithBankId(call, `${base}/${paymentId}`, sandboxUrl);
      for (let read = 0; read < MAX_STATUS_READS; read++) {
        const { transactionStatus } = await call('GET', `${base}/${paymentId}/status`);
        if (transactionStatus === 'ACSC') return paymentId;
        if (!notExecutedYet(transactionStatus)) throw new Error(`payment is ${transactionStatus}`);
      }
      throw new Error(`payment not executed after ${MAX_STATUS_READS} status reads`);
    },
  };
}

/** Headers of a TPP's account reads under a consent, the PSU present. */
export function readHeaders(token: string, consentId: string, bic: string) {
  return {
    accept: 'application/json',
    authorization: `Bearer ${token}`,
    'consent-id': consentId,
    'x-bicfi': bic,
    'x-request-id': randomUUID(),
    ...PSU,
  };
}

/** Bankbridge's connector to one sandbox bank, used directly. */
export function directBank(sandboxUrl: string, bic: string) {
  const registry = loadRegistry(defaultRegistryPath(), {
    sandboxUrl,
    apiUrl: 'http://bankbridge.invalid',
    authUrl: 'http://bankbridge.invalid',
  });
  const connector: BankConnector = createConnectors(registry, {
    credentials: SANDBOX_CREDENTIALS,
    http: { timeoutMs: 10_000 },
  })(bic);
  const baseUrl = registry.aspsps.find((a) => a.bicFi === bic)?.connector.baseUrl as string;
  const logger = createLogger({ level: 'silent' });
  const ctx = () => ({ requestId: randomUUID(), bic, logger });
  const psu = { ipAddress: PSU['psu-ip-address'], userAgent: PSU['psu-user-agent'] };
  return {
    connector,
    async createConsent(): Promise<string> {
      const created = await connector.createConsent(ctx(), { ...consentBody(), psu });
      return created.bankConsentId;
    },
    /** The bank's decoupled flow to tokens, as Bankbridge runs it. */
    async decoupled(psuId = ANNA): Promise<{ bankConsentId: string; accessToken: string }> {
      const { bankConsentId } = await connector.createConsent(ctx(), { ...consentBody(), psu });
      const resource = { kind: 'consent', bankId: bankConsentId };
      const started = await connector.startDecoupled(ctx(), { resource, psu });
      await approveInBankId(sandboxUrl, started.autoStartToken, psuId);
      const tokens = await connector.exchangeDecoupled(ctx(), {
        resource,
        authorisationId: started.authorisationId,
      });
      if (tokens === 'pending') throw new Error('the bank did not finalise the approved SCA');
      return { bankConsentId, accessToken: tokens.accessToken };
    },
    /**
     * The bank's decoupled payment as Bankbridge runs it behind the TPP's calls: create, start
     * the decoupled SCA, the PSU signs, the SCA status, then the payment's status until the
     * bank has executed it.
     */
    async payment(debtorIban: string): Promise<string> {
      const placement = { service: 'payments', product: 'domestic' };
      const created = await connector.initiatePayment(ctx(), {
        ...placement,
        body: paymentBody(debtorIban),
        globalProduct: true,
        psu,
        bankRequestId: randomUUID(),
      });
      const resource = { kind: 'payment', bankId: created.bankPaymentId, placement };
      const started = await connector.startDecoupled(ctx(), { resource, psu });
      await approveInBankId(sandboxUrl, started.autoStartToken);
      const sca = await connector.getDecoupledStatus(ctx(), {
        resource,
        authorisationId: started.authorisationId,
      });
      if (sca.scaStatus !== 'finalised') throw new Error(`SCA is ${sca.scaStatus}`);
      const ref = { ...placement, bankPaymentId: created.bankPaymentId };
      for (let read = 0; read < MAX_STATUS_READS; read++) {
        const { status } = await connector.getPaymentStatus(ctx(), ref);
        if (status === 'ACSC') return created.bankPaymentId;
        if (!notExecutedYet(status)) throw new Error(`payment is ${status}`);
      }
      throw new Error(`payment not executed after ${MAX_STATUS_READS} status reads`);
    },
    /** URLs and headers of the bank's own account reads under a valid bank consent. */
    async reads(psuId = ANNA) {
      const { bankConsentId, accessToken } = await this.decoupled(psuId);
      const { accounts } = await connector.listAccounts(ctx(), {
        accessToken,
        bankConsentId,
        psuIpAddress: psu.ipAddress,
      });
      const account = accounts[0];
      if (!account) throw new Error(`${psuId} has no account at ${bic}`);
      return {
        accountsUrl: `${baseUrl}/v1/accounts`,
        transactionsUrl: `${baseUrl}/v1/accounts/${encodeURIComponent(account.resourceId)}/transactions`,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${accessToken}`,
          'consent-id': bankConsentId,
          'x-request-id': randomUUID(),
          ...PSU,
        },
      };
    },
  };
}
