/**
 * The integration guide's consent, walked through the rules alone, with a moving clock: create
 * (bank-offered, one-off), authorise decoupled, read, use up, and what time does to consents.
 */
import { describe, expect, it } from 'vitest';
import {
  accessFor,
  applyConsentEvent,
  bankTimeZone,
  type Consent,
  checkAccountAccess,
  checkFrequency,
  consentUsability,
  createConsent,
  dueLifecycleEvent,
  effectiveConsentStatus,
  frequencyKey,
  localDate,
  mapBankScaStatus,
  oneOffUsedUp,
  parseConsentRequest,
} from '../../../src/consents/rules/index.js';
import { chooseScaApproach, scaMethodsFor, transitionSca } from '../../../src/sca/rules/index.js';

const A = 'SE3550000000054910000003';
const tz = bankTimeZone('SE');
const bank = {
  maxValidityDays: 90,
  maxFrequencyPerDay: 4,
  bankOffered: true,
  allPsd2: false,
  availableAccounts: false,
};
const options = { timeZone: tz, authorisationTimeoutSeconds: 900 };

function must<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
}

describe('the integration guide, through the rules', () => {
  it('creates, authorises, reads once and ends a one-off bank-offered consent', () => {
    let now = new Date('2021-04-20T09:00:00Z');
    const body = {
      access: {},
      combinedServiceIndicator: false,
      frequencyPerDay: 1,
      recurringIndicator: false,
      validUntil: '2021-04-23',
    };
    const request = must(parseConsentRequest(body, bank, localDate(now, tz)));
    expect(request.adjustments).toEqual([]);

    let consent: Consent = createConsent(
      request.value,
      { id: 'c-1', clientId: 'tpp', bic: 'ESSESESS', psuContext: 'private' },
      now,
      tz,
    );
    expect(consent.status).toBe('received');
    expect(chooseScaApproach(['DECOUPLED'])).toBe('DECOUPLED');
    expect(scaMethodsFor(['DECOUPLED'], 'DECOUPLED')[0]?.authenticationMethodId).toBe('mbid');

    // POST .../authorisations, then the bank reports progress and the end.
    consent = must(applyConsentEvent(consent, 'scaStarted', now, tz)).consent;
    let sca = must(transitionSca('received', 'scaMethodSelected')).status;
    for (const reported of ['started', 'finalised']) {
      now = new Date(now.getTime() + 30_000);
      const report = mapBankScaStatus(reported);
      if (!report?.scaEvent) throw new Error('known status');
      sca = must(transitionSca(sca, report.scaEvent)).status;
      if (report.consentEvent)
        consent = must(applyConsentEvent(consent, report.consentEvent, now, tz)).consent;
    }
    expect(sca).toBe('finalised');
    expect(consent.status).toBe('valid');
    expect(consentUsability(consent, now, options)).toEqual({ ok: true });

    // What the PSU picked at the bank.
    consent = {
      ...consent,
      grantedAccess: { accounts: [{ iban: A }], balances: [{ iban: A }], transactions: [] },
    };
    const account = { id: 'acc-1', iban: A, currency: 'SEK' };
    const grant = accessFor(consent, account);
    expect(checkAccountAccess(grant, 'balances')).toEqual({ ok: true });
    expect(checkAccountAccess(grant, 'transactions')).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_INVALID' },
    });

    // One-off: one read of each endpoint, PSU present or not.
    const counters = new Map<string, number>();
    const read = (endpoint: 'accountDetails' | 'balances') => {
      const key = frequencyKey(consent.id, account.id, endpoint, now, tz, {
        recurring: consent.recurringIndicator,
      });
      const check = checkFrequency(
        counters.get(key) ?? 0,
        consent.frequencyPerDay,
        true,
        consent.recurringIndicator,
      );
      if (check.ok && check.counted) counters.set(key, (counters.get(key) ?? 0) + 1);
      return check;
    };
    expect(read('balances').ok).toBe(true);
    expect(read('balances')).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_EXCEEDED', status: 429 },
    });
    const isRead = (slot: { accountId: string | null; endpoint: string }) =>
      (counters.get(
        frequencyKey(consent.id, slot.accountId, slot.endpoint as 'balances', now, tz, {
          recurring: false,
        }),
      ) ?? 0) > 0;
    expect(oneOffUsedUp(consent, [account], isRead)).toBe(false);
    expect(read('accountDetails').ok).toBe(true);
    expect(oneOffUsedUp(consent, [account], isRead)).toBe(true);

    consent = must(applyConsentEvent(consent, 'oneOffUsedUp', now, tz)).consent;
    expect(consentUsability(consent, now, options)).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_EXPIRED' },
    });
    expect(applyConsentEvent(consent, 'scaStarted', now, tz)).toMatchObject({
      ok: false,
      error: { code: 'STATUS_INVALID' },
    });
  });

  it('expires a valid recurring consent at midnight after validUntil, visible without a data call', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const body = {
      access: { accounts: [{ iban: A }] },
      combinedServiceIndicator: false,
      frequencyPerDay: 4,
      recurringIndicator: true,
      validUntil: '2026-11-22',
    };
    let consent = createConsent(
      must(parseConsentRequest(body, bank, localDate(now, tz))).value,
      { id: 'c-2', clientId: 'tpp', bic: 'ESSESESS', psuContext: 'private' },
      now,
      tz,
    );
    consent = must(applyConsentEvent(consent, 'scaFinalised', now, tz)).consent;
    const lastSecond = new Date('2026-11-22T22:59:59Z');
    const midnight = new Date('2026-11-22T23:00:00Z');
    expect(effectiveConsentStatus(consent, lastSecond, options)).toBe('valid');
    expect(effectiveConsentStatus(consent, midnight, options)).toBe('expired');
    const due = dueLifecycleEvent(consent, new Date('2026-12-01T00:00:00Z'), options);
    expect(due).toEqual({ event: 'validUntilPassed', at: midnight });
    if (!due) throw new Error('due');
    const expired = must(applyConsentEvent(consent, due.event, due.at, tz)).consent;
    expect(expired).toMatchObject({
      status: 'expired',
      lastActionDate: '2026-11-23',
      statusChangedAt: '2026-11-22T23:00:00.000Z',
    });
  });
});
