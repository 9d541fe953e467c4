/**
 * A bank whose decoupled payment SCA has steps of its own (SEB, from the registry's
 * payments.decoupledScaSteps): Bankbridge passes each to the TPP on GET .../authorisations/{id}
 * in the bank's order, authenticationStarted → psuAuthenticated → started → finalised, as the
 * vendor's client shows "Please authenticate" and then "Please sign the payment".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountsOf,
  ERIK,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  statusOf,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const OUTSIDE_SE = 'SE4550000000058398257466';

let tpp: TestPlatform;
let seb: PaymentCaller;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  const token = await tpp.token('paymentinitiation private');
  seb = { bic: 'ESSESESS', token, headers: { 'tpp-redirect-preferred': 'false' } };
});

afterAll(async () => {
  await tpp?.close();
});

function bankId(autoStartToken: string, action: 'open' | 'approve') {
  return fetch(`${tpp.sandboxUrl}/bankid/api/orders/${autoStartToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, psuId: ERIK }),
  });
}

describe('SEB decoupled payment SCA', () => {
  it('passes authenticationStarted, psuAuthenticated and started on, then finalised', async () => {
    const [debtor] = await accountsOf(tpp, 'ESSESESS', ERIK);
    const created = await initiate(
      tpp,
      seb,
      paymentBody(debtor?.iban as string, OUTSIDE_SE, '3.00'),
    );
    const started = await pis(tpp, seb, 'POST', `${created.path}/authorisations`);
    expect(started.statusCode, started.body).toBe(201);
    const authorisationId = started.json.authorisationId as string;
    const path = `${created.path}/authorisations/${authorisationId}`;
    const put = await pis(tpp, seb, 'PUT', path, { authenticationMethodId: 'mbid' });
    expect(put.statusCode, put.body).toBe(200);
    const autoStartToken = put.json.challengeData.data[0] as string;
    const sca = async () => {
      const answer = await pis(tpp, seb, 'GET', path);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json.scaStatus as string;
    };

    expect(await sca()).toBe('authenticationStarted');
    expect((await bankId(autoStartToken, 'open')).status).toBe(200);
    expect(await sca()).toBe('psuAuthenticated');
    expect(await sca()).toBe('started');
    expect(await sca()).toBe('started');
    expect(await statusOf(tpp, seb, created.path)).toBe('RCVD');
    expect((await bankId(autoStartToken, 'approve')).status).toBe(200);
    expect(await sca()).toBe('finalised');
    expect(await statusOf(tpp, seb, created.path)).not.toBe('RCVD');
  });
});
