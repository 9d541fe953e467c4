// Consent calls of the Berlin Group connector against the live sandbox banks: create, read,
// status and delete at a redirect bank and a decoupled bank, the bank's own refusals, and the
// request id on the wire and in the log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConnectorWorld,
  fullAccess,
  inDays,
  newConsent,
  PSU,
  refusal,
  startWorld,
} from './support.js';

let world: ConnectorWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

describe.each([
  ['NDEASESS', 'a redirect bank, bank-offered consent', false],
  ['HANDSESS', 'a decoupled bank, explicit accounts', true],
])('consents at %s (%s)', (bic, _what, explicit) => {
  it('creates, reads, reports the status of and deletes a consent', async () => {
    const connector = world.connectorFor(bic);
    const access = explicit ? await fullAccess(world, bic) : {};
    const created = await connector.createConsent(world.ctx(bic), {
      access,
      recurringIndicator: true,
      validUntil: inDays(30),
      frequencyPerDay: 4,
      combinedServiceIndicator: false,
      psu: PSU,
    });
    expect(created.status).toBe('received');
    expect(created.bankConsentId).toMatch(/\S+/);
    expect(created.validUntil).toBe(inDays(30));
    expect(created.frequencyPerDay).toBe(4);

    const consent = await connector.getConsent(world.ctx(bic), created.bankConsentId);
    expect(consent).toMatchObject({
      status: 'received',
      access,
      recurringIndicator: true,
      validUntil: inDays(30),
      frequencyPerDay: 4,
    });
    expect(await connector.getConsentStatus(world.ctx(bic), created.bankConsentId)).toBe(
      'received',
    );

    await connector.deleteConsent(world.ctx(bic), created.bankConsentId);
    expect(await connector.getConsentStatus(world.ctx(bic), created.bankConsentId)).toBe(
      'terminatedByTpp',
    );
  });
});

describe('what the bank decides', () => {
  it('returns validUntil and frequencyPerDay as the bank capped them', async () => {
    const created = await world.connectorFor('NDEASESS').createConsent(world.ctx('NDEASESS'), {
      access: {},
      recurringIndicator: true,
      validUntil: inDays(3000),
      frequencyPerDay: 400,
      combinedServiceIndicator: false,
      psu: PSU,
    });
    expect(created.validUntil).not.toBe(inDays(3000));
    expect(created.frequencyPerDay).toBeLessThan(400);
  });

  it('SWEDSESS without PSU-IP-Address: rejected with the bank code and text', async () => {
    const connector = world.connectorFor('SWEDSESS');
    expect(connector.bank.requiredPsuHeaders).toContain('PSU-IP-Address');
    const error = await refusal(
      connector.createConsent(world.ctx('SWEDSESS'), {
        access: {},
        recurringIndicator: true,
        validUntil: inDays(30),
        frequencyPerDay: 4,
        combinedServiceIndicator: false,
        psu: { userAgent: PSU.userAgent },
      }),
    );
    expect(error.kind).toBe('rejected');
    expect(error.status).toBe(400);
    expect(error.code).toBe('FORMAT_ERROR');
    expect(error.text).toMatch(/PSU-IP-Address/);
    expect(error.message).toMatch(/^Swedbank.* \(SWEDSESS\): creating a consent was refused/);
  });

  it('SWEDSESS with its required headers accepts the consent', async () => {
    expect(await newConsent(world, 'SWEDSESS')).toMatch(/\S+/);
  });

  it('an unknown consent id is rejected with 403 CONSENT_UNKNOWN, naming the bank', async () => {
    const error = await refusal(
      world.connectorFor('NDEASESS').getConsent(world.ctx('NDEASESS'), 'no-such-consent'),
    );
    expect(error).toMatchObject({ kind: 'rejected', status: 403, code: 'CONSENT_UNKNOWN' });
    expect(error.bic).toBe('NDEASESS');
    expect(error.message).toContain('(NDEASESS)');
    expect(error.message).toContain(error.bankName);
  });

  it('a consent form the bank does not offer is rejected with its code', async () => {
    // NDEASESS offers no allPsd2 consents (registry).
    const error = await refusal(
      world.connectorFor('NDEASESS').createConsent(world.ctx('NDEASESS'), {
        access: { allPsd2: 'allAccounts' },
        recurringIndicator: true,
        validUntil: inDays(30),
        frequencyPerDay: 4,
        combinedServiceIndicator: false,
        psu: PSU,
      }),
    );
    expect(error.kind).toBe('rejected');
    expect(error.code).toBe('SERVICE_INVALID');
  });

  it('a redirect-only bank refuses a decoupled start with SERVICE_INVALID', async () => {
    const bankConsentId = await newConsent(world, 'NDEASESS');
    const error = await refusal(
      world.connectorFor('NDEASESS').startDecoupled(world.ctx('NDEASESS'), {
        resource: { kind: 'consent', bankId: bankConsentId },
        psuId: '198301014882',
      }),
    );
    expect(error).toMatchObject({ kind: 'rejected', status: 405, code: 'SERVICE_INVALID' });
  });
});

describe('request id and log', () => {
  it('sends the TPP request id as X-Request-ID and logs one line per bank call', async () => {
    const requestId = crypto.randomUUID();
    const connector = world.connectorFor('NDEASESS');
    const created = await connector.createConsent(world.ctx('NDEASESS', requestId), {
      access: {},
      recurringIndicator: false,
      validUntil: inDays(1),
      frequencyPerDay: 1,
      combinedServiceIndicator: false,
      psu: PSU,
    });
    expect(world.bankSaw(requestId)).toBe(1);
    const lines = world.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.reqId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      reqId: requestId,
      bic: 'NDEASESS',
      method: 'POST',
      path: '/banks/NDEASESS/v1/consents',
      status: 201,
      attempt: 1,
      msg: 'bank call',
    });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(created.bankConsentId).toBeTruthy();
  });

  it('refuses a context for another bank (a platform bug, not a bank error)', async () => {
    await expect(
      world.connectorFor('NDEASESS').getConsentStatus(world.ctx('HANDSESS'), 'x'),
    ).rejects.toThrow(/NDEASESS was called for HANDSESS/);
  });
});
