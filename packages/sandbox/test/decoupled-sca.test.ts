import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECOUPLED_GRANT } from '../src/index.js';
import {
  ANNA,
  createConsent,
  dataHeaders,
  decoupledConsent,
  errorCode,
  type Sandbox,
  startSandbox,
  token,
  tppHeaders,
} from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.app.close());

async function start(s: Sandbox, bic: string, consentId: string, psuId: string) {
  return s.app.inject({
    method: 'POST',
    url: `/banks/${bic}/v1/consents/${consentId}/authorisations`,
    headers: tppHeaders({ 'psu-id': psuId }),
  });
}

async function scaStatus(
  s: Sandbox,
  bic: string,
  consentId: string,
  authorisationId: string,
): Promise<string> {
  const response = await s.app.inject({
    url: `/banks/${bic}/v1/consents/${consentId}/authorisations/${authorisationId}`,
    headers: tppHeaders(),
  });
  expect(response.statusCode).toBe(200);
  return response.json().scaStatus;
}

async function app(s: Sandbox, autoStartToken: string, action: string) {
  return s.app.inject({
    method: 'POST',
    url: `/bankid/api/orders/${autoStartToken}`,
    payload: { action },
  });
}

describe('decoupled SCA over HTTP', () => {
  it('starts with a PSU id, progresses received -> started -> finalised, then yields tokens once', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const started = await start(sandbox, 'ESSESESS', consentId, ANNA);
    expect(started.statusCode).toBe(201);
    const body = started.json();
    expect(body.scaStatus).toBe('received');
    expect(body.autoStartToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(body._links.bankIdApp.href).toBe(
      `bankid:///?autostarttoken=${body.autoStartToken}&redirect=null`,
    );
    expect(body._links.bankIdSimulator.href).toBe(
      `http://sandbox.test/bankid?autostarttoken=${body.autoStartToken}`,
    );

    const pending = await token(sandbox, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: body.authorisationId,
    });
    expect(pending.statusCode).toBe(400);
    expect(pending.json().error).toBe('authorization_pending');

    expect((await app(sandbox, body.autoStartToken, 'open')).json()).toMatchObject({
      status: 'pending',
      scaStatus: 'started',
      hintCode: 'userSign',
    });
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, body.authorisationId)).toBe('started');
    expect((await app(sandbox, body.autoStartToken, 'approve')).json()).toMatchObject({
      status: 'complete',
      scaStatus: 'finalised',
      psuId: ANNA,
      bic: 'ESSESESS',
    });
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, body.authorisationId)).toBe('finalised');

    const tokens = await token(sandbox, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: body.authorisationId,
      consent_id: consentId,
    });
    expect(tokens.statusCode, tokens.body).toBe(200);
    const again = await token(sandbox, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: body.authorisationId,
    });
    expect(again.json().error).toBe('invalid_grant');

    // A bank-offered consent authorised in BankID covers all the PSU's accounts.
    const accounts = await sandbox.app.inject({
      url: '/banks/ESSESESS/v1/accounts',
      headers: dataHeaders(consentId, tokens.json()),
    });
    expect(accounts.json().accounts).toHaveLength(3);
    const list = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${consentId}/authorisations`,
      headers: tppHeaders(),
    });
    expect(list.json().authorisationIds).toEqual([body.authorisationId]);
  });

  it('works at a decoupled-only bank with an explicit consent', async () => {
    const psus = await sandbox.app.inject('/admin/banks/HANDSESS/psus');
    const anna = psus.json().psus.find((p: { psuId: string }) => p.psuId === ANNA);
    const iban = anna.accounts[0].iban;
    const { consentId, tokens } = await decoupledConsent(sandbox, 'HANDSESS', ANNA, {
      access: { balances: [{ iban }] },
    });
    const accounts = await sandbox.app.inject({
      url: '/banks/HANDSESS/v1/accounts',
      headers: dataHeaders(consentId, tokens),
    });
    expect(accounts.json().accounts.map((a: { iban: string }) => a.iban)).toEqual([iban]);
  });

  it('denial in the app fails the SCA and rejects the consent', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { authorisationId, autoStartToken } = (
      await start(sandbox, 'ESSESESS', consentId, ANNA)
    ).json();
    expect((await app(sandbox, autoStartToken, 'deny')).json()).toMatchObject({
      status: 'failed',
      hintCode: 'userCancel',
    });
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, authorisationId)).toBe('failed');
    const tokens = await token(sandbox, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: authorisationId,
    });
    expect(tokens.json().error).toBe('access_denied');
    const status = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${consentId}/status`,
      headers: tppHeaders(),
    });
    expect(status.json().consentStatus).toBe('rejected');
  });

  it('scenario PSUs: SCA fails, consent rejected, and a timeout after 180 seconds', async () => {
    const own = await startSandbox();
    const fails = await createConsent(own, 'ESSESESS');
    const a = (await start(own, 'ESSESESS', fails, '198802020001')).json();
    await app(own, a.autoStartToken, 'approve');
    expect(await scaStatus(own, 'ESSESESS', fails, a.authorisationId)).toBe('failed');
    expect(
      (
        await own.app.inject({
          url: `/banks/ESSESESS/v1/consents/${fails}/status`,
          headers: tppHeaders(),
        })
      ).json().consentStatus,
    ).toBe('received');

    const rejected = await createConsent(own, 'ESSESESS');
    const b = (await start(own, 'ESSESESS', rejected, '199104040002')).json();
    await app(own, b.autoStartToken, 'approve');
    expect(await scaStatus(own, 'ESSESESS', rejected, b.authorisationId)).toBe('failed');
    expect(
      (
        await own.app.inject({
          url: `/banks/ESSESESS/v1/consents/${rejected}/status`,
          headers: tppHeaders(),
        })
      ).json().consentStatus,
    ).toBe('rejected');

    const slow = await createConsent(own, 'ESSESESS');
    const c = (await start(own, 'ESSESESS', slow, '198903030008')).json();
    await app(own, c.autoStartToken, 'approve');
    expect(await scaStatus(own, 'ESSESESS', slow, c.authorisationId)).toBe('started');
    own.clock.advance(181_000);
    expect(await scaStatus(own, 'ESSESESS', slow, c.authorisationId)).toBe('failed');
    const late = await token(own, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: c.authorisationId,
    });
    expect(late.json().error).toBe('expired_token');
    await own.app.close();
  });

  it('a fresh decoupled SCA on a valid consent keeps it valid', async () => {
    const { consentId } = await decoupledConsent(sandbox, 'ESSESESS');
    const again = await start(sandbox, 'ESSESESS', consentId, ANNA);
    expect(again.statusCode).toBe(201);
    const other = await start(sandbox, 'ESSESESS', consentId, '199005152385');
    expect(other.statusCode).toBe(401);
  });

  it('accepts an empty JSON body and the PSU id in psuData', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const empty = await sandbox.app.inject({
      method: 'POST',
      url: `/banks/ESSESESS/v1/consents/${consentId}/authorisations`,
      headers: { ...tppHeaders({ 'psu-id': ANNA }), 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(201);
    const inBody = await sandbox.app.inject({
      method: 'POST',
      url: `/banks/ESSESESS/v1/consents/${consentId}/authorisations`,
      headers: tppHeaders(),
      payload: { psuData: { psuId: ANNA } },
    });
    expect(inBody.statusCode).toBe(201);
  });

  it('refuses bad starts with Berlin Group errors', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const unknownPsu = await start(sandbox, 'ESSESESS', consentId, '190001010000');
    expect(unknownPsu.statusCode).toBe(401);
    expect(errorCode(unknownPsu)).toBe('PSU_CREDENTIALS_INVALID');
    const unknownConsent = await start(sandbox, 'ESSESESS', 'nope', ANNA);
    expect(unknownConsent.statusCode).toBe(403);
    const redirectOnly = await createConsent(sandbox, 'NDEASESS');
    const refused = await start(sandbox, 'NDEASESS', redirectOnly, ANNA);
    expect(refused.statusCode).toBe(405);
    expect(errorCode(refused)).toBe('SERVICE_INVALID');
    const unknownAuth = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${consentId}/authorisations/nope`,
      headers: tppHeaders(),
    });
    expect(unknownAuth.statusCode).toBe(404);
    await sandbox.app.inject({
      method: 'DELETE',
      url: `/banks/ESSESESS/v1/consents/${consentId}`,
      headers: tppHeaders(),
    });
    const terminated = await start(sandbox, 'ESSESESS', consentId, ANNA);
    expect(terminated.statusCode).toBe(409);
    expect(errorCode(terminated)).toBe('STATUS_INVALID');
  });

  it('serves the BankID simulator page with the QR code, and its form', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { authorisationId, autoStartToken } = (
      await start(sandbox, 'ESSESESS', consentId, ANNA)
    ).json();
    const page = await sandbox.app.inject(`/bankid?autostarttoken=${autoStartToken}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Identify');
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, authorisationId)).toBe('started');
    const approved = await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/orders/${autoStartToken}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=approve',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toContain('finalised');
    expect((await sandbox.app.inject('/bankid?autostarttoken=unknown')).statusCode).toBe(404);
    expect((await sandbox.app.inject('/bankid')).statusCode).toBe(200);
    expect((await sandbox.app.inject('/bankid/api/orders/unknown')).statusCode).toBe(404);
    expect((await app(sandbox, autoStartToken, 'dance')).statusCode).toBe(400);
    expect((await sandbox.app.inject(`/bankid/api/orders/${autoStartToken}`)).json().status).toBe(
      'complete',
    );
  });
});

async function startWithoutPsu(s: Sandbox, bic: string, consentId: string) {
  return s.app.inject({
    method: 'POST',
    url: `/banks/${bic}/v1/consents/${consentId}/authorisations`,
    headers: tppHeaders(),
  });
}

async function appAs(s: Sandbox, autoStartToken: string, body: Record<string, unknown>) {
  return s.app.inject({
    method: 'POST',
    url: `/bankid/api/orders/${autoStartToken}`,
    payload: body,
  });
}

describe('decoupled SCA started without a PSU id (the PSU scans the QR code)', () => {
  it('the PSU identifies in the app; the consent and the tokens are theirs', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const started = await startWithoutPsu(sandbox, 'ESSESESS', consentId);
    expect(started.statusCode, started.body).toBe(201);
    const body = started.json();
    expect(body).toMatchObject({ scaStatus: 'received', scaApproach: 'DECOUPLED' });
    expect(body.psuMessage).toMatch(/Scan the QR code/);
    expect(body.challengeData.data[0]).toBe(
      `bankid:///?autostarttoken=${body.autoStartToken}&redirect=null`,
    );
    const order = await sandbox.app.inject(`/bankid/api/orders/${body.autoStartToken}`);
    expect(order.json()).toMatchObject({ status: 'pending', psuId: null });

    // Scanning opens the order; approving needs to know who scanned.
    expect((await appAs(sandbox, body.autoStartToken, { action: 'open' })).statusCode).toBe(200);
    const anonymous = await appAs(sandbox, body.autoStartToken, { action: 'approve' });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.json().details).toMatch(/psuId/);
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, body.authorisationId)).toBe('started');

    const approved = await appAs(sandbox, body.autoStartToken, {
      action: 'approve',
      psuId: '199005152385',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'complete',
      scaStatus: 'finalised',
      psuId: '199005152385',
    });
    const tokens = await token(sandbox, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: body.authorisationId,
    });
    expect(tokens.statusCode, tokens.body).toBe(200);
    // Erik Johansson has a current and a savings account.
    const accounts = await sandbox.app.inject({
      url: '/banks/ESSESESS/v1/accounts',
      headers: dataHeaders(consentId, tokens.json()),
    });
    expect(accounts.json().accounts).toHaveLength(2);
    // The consent now belongs to Erik: Anna cannot authorise it again.
    const anna = await start(sandbox, 'ESSESESS', consentId, ANNA);
    expect(errorCode(anna)).toBe('PSU_CREDENTIALS_INVALID');
  });

  it('refuses an unknown PSU, a malformed psuId, and another person on an order started for someone', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { autoStartToken } = (await startWithoutPsu(sandbox, 'ESSESESS', consentId)).json();
    const unknown = await appAs(sandbox, autoStartToken, {
      action: 'approve',
      psuId: '190001010000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errorCode: 'invalidParameters' });
    expect(
      (await appAs(sandbox, autoStartToken, { action: 'approve', psuId: 42 })).statusCode,
    ).toBe(400);
    expect((await sandbox.app.inject(`/bankid/api/orders/${autoStartToken}`)).json().status).toBe(
      'pending',
    );

    const forAnna = await createConsent(sandbox, 'ESSESESS');
    const order = (await start(sandbox, 'ESSESESS', forAnna, ANNA)).json();
    const someoneElse = await appAs(sandbox, order.autoStartToken, {
      action: 'approve',
      psuId: '199005152385',
    });
    expect(someoneElse.statusCode).toBe(400);
    expect(someoneElse.json().details).toMatch(/another person/);
    // The PSU it was started for may say who they are.
    const herself = await appAs(sandbox, order.autoStartToken, { action: 'approve', psuId: ANNA });
    expect(herself.json()).toMatchObject({ status: 'complete', psuId: ANNA });
  });

  it('a cancel before anyone identified fails the SCA and rejects the consent', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { authorisationId, autoStartToken } = (
      await startWithoutPsu(sandbox, 'ESSESESS', consentId)
    ).json();
    expect((await appAs(sandbox, autoStartToken, { action: 'deny' })).json().status).toBe('failed');
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, authorisationId)).toBe('failed');
    const status = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${consentId}/status`,
      headers: tppHeaders(),
    });
    expect(status.json().consentStatus).toBe('rejected');
    const grant = await token(sandbox, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: authorisationId,
    });
    expect(grant.json().error).toBe('access_denied');
  });

  it('the scenario of the PSU who scans applies (scaFails)', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { autoStartToken } = (await startWithoutPsu(sandbox, 'ESSESESS', consentId)).json();
    const failed = await appAs(sandbox, autoStartToken, {
      action: 'approve',
      psuId: '198802020001',
    });
    expect(failed.json()).toMatchObject({ status: 'failed', psuId: '198802020001' });
  });

  it('the simulator page offers a PSU picker and identifies with the posted psuId', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { authorisationId, autoStartToken } = (
      await startWithoutPsu(sandbox, 'ESSESESS', consentId)
    ).json();
    const page = await sandbox.app.inject(`/bankid?autostarttoken=${autoStartToken}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<select id="psuId" name="psuId">');
    expect(page.body).toContain(`<option value="${ANNA}">`);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const noOne = await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/orders/${autoStartToken}`,
      headers: form,
      payload: 'action=approve',
    });
    expect(noOne.statusCode).toBe(400);
    expect(noOne.body).toContain('Identify first');
    const approved = await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/orders/${autoStartToken}`,
      headers: form,
      payload: `action=approve&psuId=${ANNA}`,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toContain('finalised');
    expect(approved.body).not.toContain('<select');
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, authorisationId)).toBe('finalised');
  });

  it("the page's Identify only identifies the PSU picked; its Approve then finalises", async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { authorisationId, autoStartToken } = (
      await startWithoutPsu(sandbox, 'ESSESESS', consentId)
    ).json();
    const page = await sandbox.app.inject(`/bankid?autostarttoken=${autoStartToken}`);
    const identify = /<button[^>]*name="action" value="([a-z]+)"[^>]*>Identify<\/button>/.exec(
      page.body,
    );
    expect(identify?.[1], page.body).toBeDefined();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const identified = await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/orders/${autoStartToken}`,
      headers: form,
      payload: `action=${identify?.[1]}&psuId=${ANNA}`,
    });
    expect(identified.statusCode).toBe(200);
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, authorisationId)).toBe('started');
    expect(identified.body).toContain('Anna Andersson');
    expect(identified.body).not.toContain('<select');
    expect(identified.body).toMatch(
      /<button[^>]*name="action" value="approve"[^>]*>Approve<\/button>/,
    );
    const approved = await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/orders/${autoStartToken}`,
      headers: form,
      payload: 'action=approve',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toContain('finalised');
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, authorisationId)).toBe('finalised');
  });

  it('identifying over the API ({action: open, psuId}) only identifies; approve finalises', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { authorisationId, autoStartToken } = (
      await startWithoutPsu(sandbox, 'ESSESESS', consentId)
    ).json();
    const opened = await appAs(sandbox, autoStartToken, { action: 'open', psuId: ANNA });
    expect(opened.json()).toMatchObject({ status: 'pending', scaStatus: 'started', psuId: ANNA });
    expect(await scaStatus(sandbox, 'ESSESESS', consentId, authorisationId)).toBe('started');
    const approved = await appAs(sandbox, autoStartToken, { action: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'complete', psuId: ANNA });
  });

  it('links both ways of starting on a decoupled bank consent', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const consent = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${consentId}`,
      headers: tppHeaders(),
    });
    expect(consent.json()._links.startAuthorisation.href).toBe(
      consent.json()._links.startAuthorisationWithPsuIdentification.href,
    );
  });
});
