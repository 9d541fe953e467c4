import { describe, expect, it } from 'vitest';
import {
  applyConsentEvent,
  consentUsability,
  createConsent,
  dueLifecycleEvent,
  effectiveConsentStatus,
  validUntilEnds,
} from '../../../src/consents/rules/lifecycle.js';
import type { Consent, ConsentStatus } from '../../../src/consents/rules/types.js';

const STOCKHOLM = 'Europe/Stockholm';
const options = { timeZone: STOCKHOLM, authorisationTimeoutSeconds: 3600 };

const consent = (overrides: Partial<Consent> = {}): Consent => ({
  id: 'c-1',
  clientId: 'client-a',
  bic: 'ESSESESS',
  status: 'valid',
  access: {},
  recurringIndicator: true,
  validUntil: '2026-11-30',
  frequencyPerDay: 4,
  combinedServiceIndicator: false,
  psuContext: 'private',
  createdAt: '2026-11-21T10:00:00.000Z',
  lastActionDate: '2026-11-21',
  statusChangedAt: '2026-11-21T10:00:00.000Z',
  ...overrides,
});

const at = (iso: string) => new Date(iso);

describe('creating a consent', () => {
  it('starts received, with the bank-local lastActionDate', () => {
    const request = {
      access: {},
      recurringIndicator: false,
      validUntil: '2026-12-23',
      frequencyPerDay: 1,
      combinedServiceIndicator: false,
    };
    const owner = {
      id: 'c-9',
      clientId: 'client-a',
      bic: 'ESSESESS',
      psuContext: 'corporate' as const,
      psuCorporateId: 'corp-1',
    };
    // 23:30 UTC on 21 November is already 22 November in Stockholm.
    expect(createConsent(request, owner, at('2026-11-21T23:30:00Z'), STOCKHOLM)).toEqual({
      ...owner,
      ...request,
      status: 'received',
      createdAt: '2026-11-21T23:30:00.000Z',
      lastActionDate: '2026-11-22',
      statusChangedAt: '2026-11-21T23:30:00.000Z',
    });
  });
});

describe('applying an event', () => {
  it('changes the status, lastActionDate and statusChangedAt, in a new object', () => {
    const before = consent({ status: 'received' });
    const result = applyConsentEvent(before, 'scaFinalised', at('2026-11-22T08:00:00Z'), STOCKHOLM);
    expect(result).toEqual({
      ok: true,
      changed: true,
      consent: {
        ...before,
        status: 'valid',
        lastActionDate: '2026-11-22',
        statusChangedAt: '2026-11-22T08:00:00.000Z',
      },
    });
    expect(before.status).toBe('received');
  });

  it('leaves the consent as it is when the status does not change', () => {
    const before = consent({ status: 'received' });
    const result = applyConsentEvent(before, 'scaStarted', at('2026-11-25T08:00:00Z'), STOCKHOLM);
    expect(result).toEqual({ ok: true, changed: false, consent: before });
  });

  it('refuses what the state machine refuses', () => {
    expect(
      applyConsentEvent(
        consent({ status: 'terminatedByTpp' }),
        'scaStarted',
        at('2026-11-22T08:00:00Z'),
        STOCKHOLM,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'STATUS_INVALID', status: 409 },
    });
  });
});

describe('validUntil', () => {
  it('ends at midnight after its day, in the bank zone', () => {
    expect(validUntilEnds('2026-11-30', STOCKHOLM).toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(validUntilEnds('2026-06-30', STOCKHOLM).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(validUntilEnds('2026-11-30', 'UTC').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(validUntilEnds('2028-02-28', 'UTC').toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('keeps a consent valid through its last day and expires it after', () => {
    const c = consent();
    expect(effectiveConsentStatus(c, at('2026-11-30T22:59:59.999Z'), options)).toBe('valid');
    expect(effectiveConsentStatus(c, at('2026-11-30T23:00:00.000Z'), options)).toBe('expired');
    expect(dueLifecycleEvent(c, at('2026-12-05T00:00:00Z'), options)).toEqual({
      event: 'validUntilPassed',
      at: at('2026-11-30T23:00:00.000Z'),
    });
    // In UTC the same consent would still be valid an hour longer.
    expect(effectiveConsentStatus(c, at('2026-11-30T23:30:00Z'), { timeZone: 'UTC' })).toBe(
      'valid',
    );
  });

  it('is usable on the day it was created for when validUntil is today', () => {
    const c = consent({ validUntil: '2026-11-21' });
    expect(effectiveConsentStatus(c, at('2026-11-21T22:59:59Z'), options)).toBe('valid');
    expect(effectiveConsentStatus(c, at('2026-11-21T23:00:00Z'), options)).toBe('expired');
  });
});

describe('the authorisation time', () => {
  const received = consent({ status: 'received' });

  it('rejects a consent still received when it runs out', () => {
    expect(effectiveConsentStatus(received, at('2026-11-21T10:59:59.999Z'), options)).toBe(
      'received',
    );
    expect(effectiveConsentStatus(received, at('2026-11-21T11:00:00.000Z'), options)).toBe(
      'rejected',
    );
    expect(dueLifecycleEvent(received, at('2026-11-21T12:00:00Z'), options)).toEqual({
      event: 'authorisationTimedOut',
      at: at('2026-11-21T11:00:00.000Z'),
    });
  });

  it('does not apply without a configured time, nor to a valid consent', () => {
    expect(
      effectiveConsentStatus(received, at('2026-11-25T00:00:00Z'), { timeZone: STOCKHOLM }),
    ).toBe('received');
    expect(effectiveConsentStatus(consent(), at('2026-11-25T00:00:00Z'), options)).toBe('valid');
  });

  it('and validUntil: what happened first wins', () => {
    const lateInTheDay = consent({ status: 'received', createdAt: '2026-11-30T22:30:00.000Z' });
    // validUntil ends at 23:00Z, the authorisation time at 23:30Z.
    expect(dueLifecycleEvent(lateInTheDay, at('2026-12-01T00:00:00Z'), options)).toEqual({
      event: 'validUntilPassed',
      at: at('2026-11-30T23:00:00.000Z'),
    });
    expect(effectiveConsentStatus(lateInTheDay, at('2026-12-01T00:00:00Z'), options)).toBe(
      'expired',
    );
    expect(effectiveConsentStatus(received, at('2026-12-01T00:00:00Z'), options)).toBe('rejected');
  });
});

describe('terminal consents', () => {
  it.each(['rejected', 'revokedByPsu', 'expired', 'terminatedByTpp'] as ConsentStatus[])(
    '%s stays %s whatever the time',
    (status) => {
      const c = consent({ status });
      for (const now of ['2026-11-21T10:30:00Z', '2027-06-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
        expect(effectiveConsentStatus(c, at(now), options)).toBe(status);
        expect(dueLifecycleEvent(c, at(now), options)).toBeUndefined();
      }
    },
  );
});

describe('whether a data call may use a consent', () => {
  const now = at('2026-11-25T12:00:00Z');

  it('allows a valid consent within validUntil', () => {
    expect(consentUsability(consent(), now, options)).toEqual({ ok: true });
  });

  it.each([
    ['received', 'CONSENT_INVALID'],
    ['rejected', 'CONSENT_INVALID'],
    ['revokedByPsu', 'CONSENT_INVALID'],
    ['terminatedByTpp', 'CONSENT_INVALID'],
    ['expired', 'CONSENT_EXPIRED'],
  ] as [ConsentStatus, string][])('refuses %s with 401 %s', (status, code) => {
    const result = consentUsability(
      consent({ status, createdAt: '2026-11-25T11:59:00.000Z' }),
      now,
      options,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'consentNotUsable', code, status: 401 },
    });
    if (!result.ok) expect(result.error.text).toContain(`consentStatus ${status}`);
  });

  it('refuses a valid consent past validUntil with CONSENT_EXPIRED, before any store update', () => {
    expect(consentUsability(consent(), at('2026-12-01T00:00:00Z'), options)).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_EXPIRED', status: 401 },
    });
  });

  it('refuses a received consent past its authorisation time as rejected', () => {
    expect(consentUsability(consent({ status: 'received' }), now, options)).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_INVALID', text: expect.stringContaining('rejected') },
    });
  });
});
