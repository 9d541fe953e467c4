/**
 * Attack suite, payment initiation: the redirect SCA's code and the authorisations around it
 * (PAYMENTS.md 7.5, cases 1, 2, 5, 6 and 7, and codes used for what they were not issued for).
 * A payment code works once, for its payment and authorisation, with the payment headers;
 * whatever else is tried, the bank is not asked to exchange anything, and the money moves
 * once: one debit at the sandbox bank, whatever the TPP (or a thief) does with codes and
 * authorisations. Over real sockets, so that racing requests really race.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, queryOf } from '../auth/redirect-sca-browser.js';
import { psuApprovesAtBank } from '../guide/psu-browser.js';
import { ANNA } from '../support/ais-consent.js';
import {
  initiate,
  type PaymentCaller,
  pis,
  REDIRECT_URI,
  redeemPaymentCode,
  redirectCode,
} from '../support/payments.js';
import { TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import {
  bankCallsOf,
  expectOneWinner,
  formPostsAtOnce,
  GRANT_INVALID,
  introspect,
  issuedCode,
  REDIRECT_BANK,
  redeem,
  startRacePlatform,
  storedState,
  TPP_REDIRECT,
  testTpp,
} from './helpers.js';
import {
  atBankDecision,
  type BankBooks,
  bankBooks,
  bankPaymentIdOf,
  bodyBetween,
  type PayingTpp,
  payerAndPayee,
  payingTpp,
  paymentState,
  postingsOf,
  storedPayment,
} from './payment-helpers.js';

/** A bank that offers both approaches (redirect first), so one payment can have both SCAs. */
const BOTH_BANK = 'ESSESESS';

let t: TestPlatform;
let authSocket: string;
let tpp: PayingTpp;
let other: PayingTpp;
let redirect: PaymentCaller;

beforeAll(async () => {
  ({ t, authSocket } = await startRacePlatform(() => new Date()));
  tpp = await payingTpp(t, { own: true });
  other = await payingTpp(t);
  redirect = { bic: REDIRECT_BANK, token: tpp.token };
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** A redirect payment of Anna's to Erik at Nordea, with the code the PSU's approval gave. */
async function paymentWithCode(amount = '5.00') {
  const created = await initiate(
    t,
    redirect,
    bodyBetween(await payerAndPayee(t, REDIRECT_BANK), amount),
  );
  const code = await redirectCode(t, redirect, created.path);
  return { ...created, ...code };
}

function debits(books: BankBooks, bankPaymentId: string) {
  return postingsOf(books, bankPaymentId).filter((p) => Number(p.amount) < 0);
}

/** The bank calls that exchanged a code, among those made under these request ids. */
function tokenExchanges(requestIds: string[]): number {
  return requestIds
    .flatMap((id) => bankCallsOf(t, id))
    .filter((url) => url.endsWith('/oauth2/token')).length;
}

function tokenRequest(
  payment: { paymentId: string; authorisationId: string; code: string },
  requestId = randomUUID(),
) {
  return {
    headers: {
      'x-request-id': requestId,
      'x-paymentid': payment.paymentId,
      'x-paymentauthorisationid': payment.authorisationId,
    },
    fields: {
      client_id: tpp.id,
      client_secret: tpp.secret,
      grant_type: 'authorization_code',
      code: payment.code,
      redirect_uri: TPP_REDIRECT,
    },
  };
}

describe('a payment code', () => {
  it('redeemed twice: the second is invalid_grant, the bank is called once, one debit, and the first token is withdrawn (case 1)', async () => {
    const payment = await paymentWithCode();
    const [first] = await formPostsAtOnce(`${authSocket}/connect/token`, [tokenRequest(payment)]);
    expect(first?.status, JSON.stringify(first)).toBe(200);
    const token = first?.body.access_token as string;
    const replayId = randomUUID();
    const [second] = await formPostsAtOnce(`${authSocket}/connect/token`, [
      tokenRequest(payment, replayId),
    ]);
    expect(second).toMatchObject({ status: 400, cacheControl: 'no-store', body: GRANT_INVALID });
    expect(bankCallsOf(t, replayId)).toEqual([]);
    expect(await introspect(t, token)).toEqual({ active: false });
    const bankId = await bankPaymentIdOf(t, payment.paymentId);
    expect(debits(await bankBooks(t, REDIRECT_BANK), bankId)).toHaveLength(1);
    // One move out of RCVD: authorised once.
    const [created, ...moves] = (await storedPayment(t, payment.paymentId)).events;
    expect(created).toBe('RCVD');
    expect(moves).toHaveLength(1);
  });

  it('redeemed by ten requests at once: one token, one exchange at the bank, one debit (case 2)', async () => {
    const payment = await paymentWithCode('6.00');
    const requestIds = Array.from({ length: 10 }, () => randomUUID());
    const answers = await formPostsAtOnce(
      `${authSocket}/connect/token`,
      requestIds.map((id) => tokenRequest(payment, id)),
    );
    const winner = expectOneWinner(answers);
    expect(tokenExchanges(requestIds)).toBe(1);
    // The code was presented more than once: what it gave is withdrawn (RFC 6749 4.1.2).
    expect(await introspect(t, winner.access_token as string)).toEqual({ active: false });
    const bankId = await bankPaymentIdOf(t, payment.paymentId);
    expect(debits(await bankBooks(t, REDIRECT_BANK), bankId)).toHaveLength(1);
    expect((await storedPayment(t, payment.paymentId)).events).toHaveLength(2);
  });

  it("with another payment's X-PaymentId is invalid_grant, changes neither payment, and still works for its own", async () => {
    const a = await paymentWithCode('7.00');
    const b = await initiate(
      t,
      redirect,
      bodyBetween(await payerAndPayee(t, REDIRECT_BANK), '8.00'),
    );
    const before = await paymentState(t);
    const requestId = randomUUID();
    const [answer] = await formPostsAtOnce(`${authSocket}/connect/token`, [
      {
        ...tokenRequest(a, requestId),
        headers: {
          'x-request-id': requestId,
          'x-paymentid': b.paymentId,
          'x-paymentauthorisationid': a.authorisationId,
        },
      },
    ]);
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(String(answer?.body.error_description)).not.toContain(b.paymentId);
    expect(bankCallsOf(t, requestId)).toEqual([]);
    expect(await paymentState(t)).toEqual(before);
    const own = await redeemPaymentCode(t, a);
    expect(own.statusCode, own.body).toBe(200);
    expect((await storedPayment(t, b.paymentId)).status).toBe('RCVD');
  });

  it("of a consent is no payment code, and a payment's code no consent code: invalid_grant, nothing changes, each still works as what it is", async () => {
    const consentTpp = await testTpp(t);
    const consent = await issuedCode(t, consentTpp);
    const payment = await paymentWithCode('9.00');
    const before = await storedState(t);
    const beforePayments = await paymentState(t);
    const tries = [
      // The consent's code, presented with payment headers naming the consent's ids.
      redeemPaymentCode(t, {
        paymentId: consent.consentId,
        authorisationId: consent.authorisationId,
        code: consent.code,
      }),
      // The consent's code with the payment's headers.
      redeemPaymentCode(t, { ...payment, code: consent.code }),
      // The payment's code with consent headers naming the payment's ids.
      redeem(t, {
        consentId: payment.paymentId,
        authorisationId: payment.authorisationId,
        code: payment.code,
      }),
      // The payment's code as a cancellation's.
      redeemPaymentCode(t, { ...payment, cancellation: true }),
    ];
    for (const answer of await Promise.all(tries)) {
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json().error).toBe('invalid_grant');
      expect(answer.json().access_token).toBeUndefined();
    }
    expect(await storedState(t)).toEqual(before);
    expect(await paymentState(t)).toEqual(beforePayments);
    expect((await redeem(t, consent)).statusCode).toBe(200);
    expect((await redeemPaymentCode(t, payment)).statusCode).toBe(200);
  });
});

describe('/connect/authorize with acr_values', () => {
  /** The scaOAuth link of `payment` with the acr_values and client changed. */
  function link(template: string, change: { acr?: string; clientId?: string; state?: string }) {
    const url = new URL(
      template
        .replace('[CLIENT_ID]', encodeURIComponent(change.clientId ?? tpp.id))
        .replace('[TPP_REDIRECT_URI]', encodeURIComponent(REDIRECT_URI))
        .replace('[TPP_STATE]', change.state ?? 'tpp-state'),
    );
    if (change.acr) url.searchParams.set('acr_values', change.acr);
    return url.href;
  }

  /** A redirect payment with its method chosen: the scaOAuth link template. */
  async function awaitingRedirect() {
    const created = await initiate(
      t,
      redirect,
      bodyBetween(await payerAndPayee(t, REDIRECT_BANK), '4.00'),
    );
    const started = await pis(t, redirect, 'POST', `${created.path}/authorisations`);
    const authorisationId = started.json.authorisationId as string;
    const put = await pis(t, redirect, 'PUT', `${created.path}/authorisations/${authorisationId}`, {
      authenticationMethodId: 'redirect',
    });
    expect(put.statusCode, put.body).toBe(200);
    return { ...created, authorisationId, template: put.json._links.scaOAuth.href as string };
  }

  /** Where the browser is sent from the link, and whether a bank was asked anything. */
  async function follow(url: string) {
    const browser = new Browser(t.auth, TEST_AUTH_URL);
    const before = t.bankLogLines.length;
    const { page, visited } = await browser.follow(url, REDIRECT_URI);
    return {
      page,
      back: visited.at(-1)?.startsWith(REDIRECT_URI)
        ? queryOf(visited.at(-1) as string)
        : undefined,
      bankAsked: t.bankLogLines.length !== before,
    };
  }

  it("naming another TPP's payment sends that TPP back with an error, no SCA, exactly as for a payment that does not exist (case 5)", async () => {
    const theirs = await awaitingRedirect();
    const before = await paymentState(t);
    const books = await bankBooks(t, REDIRECT_BANK);
    const acr = (paymentId: string) =>
      `idp:${REDIRECT_BANK} paymentId:${paymentId} paymentAuthorisationId:${theirs.authorisationId}`;
    const foreign = await follow(
      link(theirs.template, { clientId: other.id, acr: acr(theirs.paymentId), state: 's1' }),
    );
    const unknownId = randomUUID();
    const unknown = await follow(
      link(theirs.template, { clientId: other.id, acr: acr(unknownId), state: 's1' }),
    );
    expect(foreign.back).toMatchObject({ error: 'invalid_request', state: 's1' });
    expect(foreign.back?.error_description?.replace(theirs.paymentId, '<id>')).toBe(
      unknown.back?.error_description?.replace(unknownId, '<id>'),
    );
    expect(foreign.bankAsked).toBe(false);
    expect(await paymentState(t)).toEqual(before);
    expect(await bankBooks(t, REDIRECT_BANK)).toEqual(books);
    // With a redirect URI the other TPP has not registered: an error page, no redirect.
    const unregistered = await follow(
      link(theirs.template, { clientId: other.id, acr: acr(theirs.paymentId) }).replace(
        encodeURIComponent(REDIRECT_URI),
        encodeURIComponent('https://attacker.example/cb'),
      ),
    );
    expect(unregistered.page.status).toBe(400);
    expect(unregistered.back).toBeUndefined();
    // The payment's own TPP can still have it authorised.
    const back = await psuApprovesAtBank(
      new Browser(t.auth, TEST_AUTH_URL),
      link(theirs.template, {}),
      REDIRECT_URI,
      ANNA,
    );
    expect((await redeemPaymentCode(t, { ...theirs, code: back.code as string })).statusCode).toBe(
      200,
    );
  });

  it('naming a cancellation of a payment with no cancellation requested starts no SCA: the TPP gets an error back, nothing changes', async () => {
    const payment = await awaitingRedirect();
    const before = await paymentState(t);
    for (const cancellationId of [payment.authorisationId, randomUUID()]) {
      const answer = await follow(
        link(payment.template, {
          acr: `idp:${REDIRECT_BANK} paymentId:${payment.paymentId} paymentCancellationId:${cancellationId}`,
          state: 's2',
        }),
      );
      expect(answer.back).toMatchObject({ error: 'invalid_request', state: 's2' });
      expect(answer.bankAsked).toBe(false);
    }
    expect(await paymentState(t)).toEqual(before);
  });
});

describe('authorisations of one payment', () => {
  it('a new authorisation of a payment already authorised is 409 STATUS_INVALID, and nothing is executed again (case 6)', async () => {
    const payment = await paymentWithCode('3.50');
    expect((await redeemPaymentCode(t, payment)).statusCode).toBe(200);
    const bankId = await bankPaymentIdOf(t, payment.paymentId);
    const books = await bankBooks(t, REDIRECT_BANK);
    for (const segment of ['authorisations', 'cancellation-authorisations']) {
      const answer = await pis(t, redirect, 'POST', `${payment.path}/${segment}`);
      expect(answer.statusCode, answer.body).toBe(409);
      expect(answer.json.tppMessages[0].code).toBe('STATUS_INVALID');
    }
    expect(debits(await bankBooks(t, REDIRECT_BANK), bankId)).toEqual(debits(books, bankId));
    expect(debits(books, bankId)).toHaveLength(1);
  });

  /** A payment with a redirect SCA at the bank's signing page and a BankID order besides. */
  async function twoAuthorisations(amount: string) {
    const caller = { bic: BOTH_BANK, token: tpp.token, clientId: tpp.id };
    const created = await initiate(
      t,
      caller,
      bodyBetween(await payerAndPayee(t, BOTH_BANK), amount),
    );
    const viaRedirect = await atBankDecision(t, caller, created.path, ANNA);
    const started = await pis(t, caller, 'POST', `${created.path}/authorisations`);
    const viaBankId = started.json.authorisationId as string;
    const put = await pis(t, caller, 'PUT', `${created.path}/authorisations/${viaBankId}`, {
      authenticationMethodId: 'mbid',
    });
    expect(put.statusCode, put.body).toBe(200);
    const approveBankId = async () => {
      const approved = await fetch(
        `${t.sandboxUrl}/bankid/api/orders/${put.json.challengeData.data[0]}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'approve', psuId: ANNA }),
        },
      );
      return approved.status;
    };
    const scaStatus = async (id: string) =>
      (await pis(t, caller, 'GET', `${created.path}/authorisations/${id}`)).json.scaStatus;
    return { caller, created, viaRedirect, viaBankId, approveBankId, scaStatus };
  }

  async function expectOneExecution(
    caller: PaymentCaller,
    created: { paymentId: string; path: string },
  ) {
    const status = (await pis(t, caller, 'GET', `${created.path}/status`)).json.transactionStatus;
    expect(['ACTC', 'ACSP', 'ACSC']).toContain(status);
    const books = await bankBooks(t, BOTH_BANK);
    expect(debits(books, await bankPaymentIdOf(t, created.paymentId))).toHaveLength(1);
    // One move out of RCVD, and no other.
    expect((await storedPayment(t, created.paymentId)).events).toHaveLength(2);
  }

  it('two authorisations the PSU completes, BankID first: BankID executes the payment, the redirect one ends failed and the TPP gets an error, one debit (case 7)', async () => {
    const two = await twoAuthorisations('2.25');
    expect(await two.approveBankId()).toBe(200);
    expect(await two.scaStatus(two.viaBankId)).toBe('finalised');
    const back = await two.viaRedirect.back(await two.viaRedirect.decide('approve'));
    expect(back.error, JSON.stringify(back)).toBeDefined();
    expect(back.code).toBeUndefined();
    expect(await two.scaStatus(two.viaRedirect.authorisationId)).toBe('failed');
    await expectOneExecution(two.caller, two.created);
  });

  it('two authorisations the PSU completes, redirect first: the code executes the payment, the BankID app refuses to sign it again, one debit (case 7)', async () => {
    const two = await twoAuthorisations('2.35');
    const back = await two.viaRedirect.back(await two.viaRedirect.decide('approve'));
    const redeemed = await redeemPaymentCode(t, {
      paymentId: two.created.paymentId,
      authorisationId: two.viaRedirect.authorisationId,
      code: back.code as string,
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect(await two.scaStatus(two.viaRedirect.authorisationId)).toBe('finalised');
    // The app tells the PSU the payment is signed already; the order stays open at the bank
    // until it times out there, and never finalises.
    expect(await two.approveBankId()).toBe(400);
    expect(['started', 'failed']).toContain(await two.scaStatus(two.viaBankId));
    await expectOneExecution(two.caller, two.created);
  });
});
