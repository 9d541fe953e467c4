// Decoupled (BankID-style) SCA through the connector: start, the PSU acts in the BankID
// simulator (its JSON endpoint), status polling, the token grant; denial and failure.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankError, type DecoupledAuthorisation } from '../../src/connectors/index.js';
import { ANNA, type ConnectorWorld, fullAccess, newConsent, startWorld } from './support.js';

const BIC = 'HANDSESS';
let world: ConnectorWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

async function bankId(
  started: DecoupledAuthorisation,
  body: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${world.sandboxUrl}/bankid/api/orders/${started.autoStartToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function consentAt(bic: string): Promise<string> {
  return newConsent(world, bic, { access: await fullAccess(world, bic) });
}

describe('decoupled SCA with the PSU id given', () => {
  it('start -> pending -> approve in BankID -> finalised -> tokens -> data', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await consentAt(BIC);
    const started = await connector.startDecoupled(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
      psuId: ANNA,
    });
    expect(started.authorisationId).toMatch(/\S+/);
    expect(started.scaStatus).toBe('received');
    // The autostart token itself, not the bankid:/// link it travels in.
    expect(started.autoStartToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.psuMessage).toBeTruthy();
    // The animated QR code's start, as the bank hands it over.
    expect(started.qrStartToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.qrStartSecret).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.qrStartSecret).not.toBe(started.qrStartToken);

    const ref = {
      resource: { kind: 'consent', bankId: bankConsentId },
      authorisationId: started.authorisationId,
    };
    expect(await connector.exchangeDecoupled(world.ctx(BIC), ref)).toBe('pending');

    await bankId(started, { action: 'open' });
    expect((await connector.getDecoupledStatus(world.ctx(BIC), ref)).scaStatus).toBe('started');
    expect(await connector.exchangeDecoupled(world.ctx(BIC), ref)).toBe('pending');

    await bankId(started, { action: 'approve' });
    expect((await connector.getDecoupledStatus(world.ctx(BIC), ref)).scaStatus).toBe('finalised');
    expect(await connector.getConsentStatus(world.ctx(BIC), bankConsentId)).toBe('valid');

    const tokens = await connector.exchangeDecoupled(world.ctx(BIC), ref);
    if (tokens === 'pending') throw new Error('still pending');
    expect(tokens.accessToken).toBeTruthy();
    const { accounts } = await connector.listAccounts(world.ctx(BIC), {
      accessToken: tokens.accessToken,
      bankConsentId,
      psuIpAddress: '192.0.2.10',
    });
    expect(accounts.length).toBe(3);

    // Tokens are handed out once per authorisation.
    const again = await connector.exchangeDecoupled(world.ctx(BIC), ref).catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'rejected', code: 'invalid_grant' });

    // The refresh token works as with redirect SCA.
    const refreshed = await connector.refreshTokens(world.ctx(BIC), tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
  });

  it('the PSU cancels in BankID: scaStatus failed, the token grant is access_denied', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await consentAt(BIC);
    const started = await connector.startDecoupled(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
      psuId: ANNA,
    });
    await bankId(started, { action: 'deny' });
    const ref = {
      resource: { kind: 'consent', bankId: bankConsentId },
      authorisationId: started.authorisationId,
    };
    expect((await connector.getDecoupledStatus(world.ctx(BIC), ref)).scaStatus).toBe('failed');
    const error = await connector.exchangeDecoupled(world.ctx(BIC), ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BankError);
    expect(error).toMatchObject({ kind: 'access_denied', code: 'access_denied', bic: BIC });
    expect((error as BankError).message).toMatch(/^Svenska Handelsbanken AB \(HANDSESS\)/);
    expect(await connector.getConsentStatus(world.ctx(BIC), bankConsentId)).toBe('rejected');
  });

  it('a PSU the bank does not know is the bank refusal', async () => {
    const bankConsentId = await consentAt(BIC);
    const error = await world
      .connectorFor(BIC)
      .startDecoupled(world.ctx(BIC), {
        resource: { kind: 'consent', bankId: bankConsentId },
        psuId: '190001010000',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rejected', code: 'PSU_CREDENTIALS_INVALID' });
  });

  it('an unknown authorisation is the bank refusal RESOURCE_UNKNOWN', async () => {
    const bankConsentId = await consentAt(BIC);
    const error = await world
      .connectorFor(BIC)
      .getDecoupledStatus(world.ctx(BIC), {
        resource: { kind: 'consent', bankId: bankConsentId },
        authorisationId: 'nope',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rejected', status: 404, code: 'RESOURCE_UNKNOWN' });
  });
});

describe('decoupled SCA without a PSU id (the PSU scans the QR code)', () => {
  it('start without PSU id -> the PSU identifies and approves in BankID -> finalised -> tokens', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await consentAt(BIC);
    const started = await connector.startDecoupled(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
    });
    expect(started.scaStatus).toBe('received');
    expect(started.psuMessage).toMatch(/QR code/);
    const ref = {
      resource: { kind: 'consent', bankId: bankConsentId },
      authorisationId: started.authorisationId,
    };

    // The app refuses an approval before anyone identified.
    const anonymous = await fetch(
      `${world.sandboxUrl}/bankid/api/orders/${started.autoStartToken}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve' }),
      },
    );
    expect(anonymous.status).toBe(400);
    expect(await connector.exchangeDecoupled(world.ctx(BIC), ref)).toBe('pending');

    const approved = await bankId(started, { action: 'approve', psuId: ANNA });
    expect(approved).toMatchObject({ status: 'complete', psuId: ANNA });

    // Poll as the platform does until the bank reports the end.
    let status = (await connector.getDecoupledStatus(world.ctx(BIC), ref)).scaStatus;
    for (let i = 0; i < 10 && status !== 'finalised' && status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await connector.getDecoupledStatus(world.ctx(BIC), ref)).scaStatus;
    }
    expect(status).toBe('finalised');
    expect(await connector.getConsentStatus(world.ctx(BIC), bankConsentId)).toBe('valid');

    const tokens = await connector.exchangeDecoupled(world.ctx(BIC), ref);
    if (tokens === 'pending') throw new Error('still pending');
    const { accounts } = await connector.listAccounts(world.ctx(BIC), {
      accessToken: tokens.accessToken,
      bankConsentId,
      psuIpAddress: '192.0.2.10',
    });
    expect(accounts.length).toBe(3);
  });

  it('a cancel in the app before identifying: access_denied', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await consentAt(BIC);
    const started = await connector.startDecoupled(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
    });
    await bankId(started, { action: 'deny' });
    const error = await connector
      .exchangeDecoupled(world.ctx(BIC), {
        resource: { kind: 'consent', bankId: bankConsentId },
        authorisationId: started.authorisationId,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'access_denied' });
  });
});
