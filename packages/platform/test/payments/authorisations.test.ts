/**
 * A payment's authorisations through Bankbridge at the sandbox banks over HTTP: start, list,
 * read and choose the method; a second one while the first is open; the refusals (an
 * authorised payment, an unknown authorisation, an unknown method); and BankID's animated QR
 * methods for a payment, with a fresh code on every poll. Bankbridge and the sandbox share a
 * clock that can be pushed ahead, so a new second of the QR code needs no waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  atBank,
  authoriseDecoupled,
  expectRefusal,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  statusOf,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const OUTSIDE_SE = 'SE4550000000058398257466';
const QR_PAYLOAD = /^bankid\.[0-9a-f-]{36}\.(\d+)\.[0-9a-f]{64}$/;

let ahead = 0;
const clock = () => new Date(Date.now() + ahead);
let tpp: TestPlatform;
let swedbank: PaymentCaller;
let debtor: string;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: { now: clock }, now: clock });
  swedbank = {
    bic: 'SWEDSESS',
    token: await tpp.token('paymentinitiation private'),
    headers: { 'tpp-redirect-preferred': 'false' },
  };
  const [anna] = await accountsOf(tpp, 'SWEDSESS', ANNA);
  debtor = anna?.iban as string;
});

afterAll(async () => {
  await tpp?.close();
});

async function created(amount: string, remittance = `Auth ${amount}`) {
  return initiate(
    tpp,
    swedbank,
    paymentBody(debtor, OUTSIDE_SE, amount, { remittanceInformationUnstructured: remittance }),
  );
}

async function start(path: string) {
  const started = await pis(tpp, swedbank, 'POST', `${path}/authorisations`);
  expect(started.statusCode, started.body).toBe(201);
  return started;
}

function bankIdApp(path: string, body: Record<string, unknown>) {
  return fetch(`${tpp.sandboxUrl}/bankid/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('start, list, read, choose', () => {
  it('the vendor flow: an empty list, a started authorisation, its status, the method chosen', async () => {
    const payment = await created('21.00');
    const none = await pis(tpp, swedbank, 'GET', `${payment.path}/authorisations`);
    expect(none.json).toEqual({ authorisationIds: [] });

    const started = await start(payment.path);
    const { authorisationId } = started.json;
    expect(started.headers['aspsp-sca-approach']).toBe('DECOUPLED');
    expect(started.headers.location).toMatch(
      new RegExp(`${payment.path}/authorisations/${authorisationId}$`),
    );
    expect(started.json).toMatchObject({
      scaStatus: 'received',
      _links: {
        authoriseTransaction: {
          href: `/psd2/paymentinitiation/v1${payment.path}/authorisations/${authorisationId}`,
        },
      },
    });
    expect(started.json.scaMethods[0]).toMatchObject({
      authenticationType: 'PUSH_OTP',
      authenticationMethodId: 'mbid',
    });

    const list = await pis(tpp, swedbank, 'GET', `${payment.path}/authorisations`);
    expect(list.json).toEqual({ authorisationIds: [authorisationId] });
    const read = await pis(
      tpp,
      swedbank,
      'GET',
      `${payment.path}/authorisations/${authorisationId}`,
    );
    expect(read.json).toEqual({ scaStatus: 'received' });

    const chosen = await pis(
      tpp,
      swedbank,
      'PUT',
      `${payment.path}/authorisations/${authorisationId}`,
      {
        authenticationMethodId: 'mbid',
      },
    );
    expect(chosen.headers['aspsp-sca-approach']).toBe('DECOUPLED');
    expect(chosen.json).toMatchObject({
      scaStatus: 'started',
      chosenScaMethod: { authenticationMethodId: 'mbid' },
    });
    expect(chosen.json.challengeData.data[0]).toMatch(/^[0-9a-f-]{36}$/);
    // The method is chosen once: another choice needs another authorisation.
    expectRefusal(
      await pis(tpp, swedbank, 'PUT', `${payment.path}/authorisations/${authorisationId}`, {
        authenticationMethodId: 'mbid',
      }),
      409,
      'STATUS_INVALID',
    );
  });

  it('an unknown authorisation id: 404 RESOURCE_UNKNOWN, to GET and PUT alike', async () => {
    const payment = await created('22.00');
    const unknown = 'c5a3b7e2-0000-4000-8000-000000000000';
    const url = `${payment.path}/authorisations/${unknown}`;
    expectRefusal(await pis(tpp, swedbank, 'GET', url), 404, 'RESOURCE_UNKNOWN');
    expectRefusal(
      await pis(tpp, swedbank, 'PUT', url, { authenticationMethodId: 'mbid' }),
      404,
      'RESOURCE_UNKNOWN',
    );
    // Nor is a payment authorisation one of its cancellation's.
    const { authorisationId } = (await start(payment.path)).json;
    expectRefusal(
      await pis(
        tpp,
        swedbank,
        'GET',
        `${payment.path}/cancellation-authorisations/${authorisationId}`,
      ),
      404,
      'RESOURCE_UNKNOWN',
    );
  });

  it('a method the bank does not offer: 400 SCA_METHOD_UNKNOWN, the authorisation unchanged', async () => {
    const payment = await created('23.00');
    const { authorisationId } = (await start(payment.path)).json;
    const url = `${payment.path}/authorisations/${authorisationId}`;
    expectRefusal(
      await pis(tpp, swedbank, 'PUT', url, { authenticationMethodId: 'sms' }),
      400,
      'SCA_METHOD_UNKNOWN',
    );
    expect((await pis(tpp, swedbank, 'GET', url)).json).toEqual({ scaStatus: 'received' });
  });
});

describe('a second authorisation while one is open', () => {
  it('is started beside the first; the one the PSU completes authorises, the other ends failed', async () => {
    const payment = await created('24.00', 'Two auths');
    const first = (await start(payment.path)).json.authorisationId as string;
    const put = await pis(tpp, swedbank, 'PUT', `${payment.path}/authorisations/${first}`, {
      authenticationMethodId: 'mbid',
    });
    expect(put.statusCode).toBe(200);

    // The PSU lost the first BankID order (closed the app, another device): the TPP starts anew.
    const second = await authoriseDecoupled(tpp, swedbank, payment.path);
    expect(second).not.toBe(first);
    const list = await pis(tpp, swedbank, 'GET', `${payment.path}/authorisations`);
    expect(list.json).toEqual({ authorisationIds: [first, second] });
    expect(await statusOf(tpp, swedbank, payment.path)).toBe('ACSP');

    const secondSca = await pis(tpp, swedbank, 'GET', `${payment.path}/authorisations/${second}`);
    expect(secondSca.json.scaStatus).toBe('finalised');
    const firstSca = await pis(tpp, swedbank, 'GET', `${payment.path}/authorisations/${first}`);
    expect(firstSca.json.scaStatus).toBe('failed');

    // The first order signed late executes nothing a second time.
    const late = await bankIdApp(`orders/${put.json.challengeData.data[0]}`, {
      action: 'approve',
      psuId: ANNA,
    });
    expect(late.status).toBe(400);
    const { postings } = await atBank(tpp, 'SWEDSESS');
    expect(
      postings.filter((p) => p.remittanceInformationUnstructured === 'Two auths'),
    ).toHaveLength(1);
  });

  it('once the payment is authorised, another authorisation is 409 STATUS_INVALID', async () => {
    const payment = await created('25.00');
    await authoriseDecoupled(tpp, swedbank, payment.path);
    expectRefusal(
      await pis(tpp, swedbank, 'POST', `${payment.path}/authorisations`),
      409,
      'STATUS_INVALID',
    );
    const list = await pis(tpp, swedbank, 'GET', `${payment.path}/authorisations`);
    expect(list.json.authorisationIds).toHaveLength(1);
  });
});

describe("BankID's animated QR code for a payment", () => {
  async function chosen(methodId: string) {
    const payment = await created('26.00', `QR ${methodId.split('_').at(-1)}`);
    const { authorisationId } = (await start(payment.path)).json;
    const path = `${payment.path}/authorisations/${authorisationId}`;
    const selected = await pis(tpp, swedbank, 'PUT', path, { authenticationMethodId: methodId });
    expect(selected.statusCode, selected.body).toBe(200);
    return { payment, path, selected: selected.json };
  }

  it('mbid_animated_qr_token: a new code on every poll while started; the app signs with one', async () => {
    const { payment, path, selected } = await chosen('mbid_animated_qr_token');
    expect(selected.scaStatus).toBe('started');
    expect(selected.challengeData.data[0]).toMatch(QR_PAYLOAD);
    const first = (await pis(tpp, swedbank, 'GET', path)).json;
    ahead += 2000;
    const second = (await pis(tpp, swedbank, 'GET', path)).json;
    for (const poll of [first, second]) {
      expect(poll.scaStatus).toBe('started');
      expect(poll.challengeData.data[0]).toMatch(QR_PAYLOAD);
    }
    expect(second.challengeData.data[0]).not.toBe(first.challengeData.data[0]);

    const scanned = await bankIdApp('qr', {
      qr: second.challengeData.data[0],
      action: 'approve',
      psuId: ANNA,
    });
    expect(scanned.status, await scanned.clone().text()).toBe(200);
    expect((await pis(tpp, swedbank, 'GET', path)).json).toEqual({ scaStatus: 'finalised' });
    expect(await statusOf(tpp, swedbank, payment.path)).toBe('ACSP');
  });

  it('mbid_animated_qr_image: a fresh picture on every poll; none once the SCA ended', async () => {
    const { payment, path, selected } = await chosen('mbid_animated_qr_image');
    expect(selected.challengeData.image).toMatch(/^data:image\/png;base64,/);
    const first = (await pis(tpp, swedbank, 'GET', path)).json;
    ahead += 2000;
    const second = (await pis(tpp, swedbank, 'GET', path)).json;
    expect(Object.keys(second.challengeData)).toEqual(['image']);
    expect(second.challengeData.image).not.toBe(first.challengeData.image);

    const approved = await bankIdApp(`orders/${selected.challengeData.data[0]}`, {
      action: 'approve',
      psuId: ANNA,
    });
    expect(approved.status).toBe(200);
    expect(await statusOf(tpp, swedbank, payment.path)).toBe('ACSP');
    expect((await pis(tpp, swedbank, 'GET', path)).json).toEqual({ scaStatus: 'finalised' });
  });
});
