import { describe, expect, it } from 'vitest';
import {
  CONSENT_EVENTS,
  type ConsentEvent,
  isTerminalConsentStatus,
  transitionConsent,
} from '../../../src/consents/rules/consent-state.js';
import { CONSENT_STATUSES, type ConsentStatus } from '../../../src/consents/rules/types.js';

const TERMINAL: ConsentStatus[] = ['rejected', 'revokedByPsu', 'expired', 'terminatedByTpp'];

describe('consent state machine', () => {
  it('knows exactly the four terminal statuses', () => {
    expect(CONSENT_STATUSES.filter(isTerminalConsentStatus)).toEqual(TERMINAL);
  });

  describe.each(TERMINAL)('terminal status %s', (status) => {
    it.each([...CONSENT_EVENTS])('refuses %s with 409 STATUS_INVALID', (event) => {
      const result = transitionConsent(status, event);
      expect(result).toMatchObject({
        ok: false,
        from: status,
        event,
        error: { kind: 'illegalTransition', code: 'STATUS_INVALID', status: 409 },
      });
      if (!result.ok) expect(result.error.text).toContain(status);
    });
  });

  const allowed: [ConsentStatus, ConsentEvent, ConsentStatus][] = [
    ['received', 'scaStarted', 'received'],
    ['received', 'scaFinalised', 'valid'],
    ['received', 'scaFailed', 'received'],
    ['received', 'rejectedAtBank', 'rejected'],
    ['received', 'authorisationTimedOut', 'rejected'],
    ['received', 'validUntilPassed', 'expired'],
    ['received', 'expiredAtBank', 'expired'],
    ['received', 'revokedAtBank', 'revokedByPsu'],
    ['received', 'terminatedByTpp', 'terminatedByTpp'],
    ['valid', 'scaFinalised', 'valid'],
    ['valid', 'scaFailed', 'valid'],
    ['valid', 'validUntilPassed', 'expired'],
    ['valid', 'expiredAtBank', 'expired'],
    ['valid', 'revokedAtBank', 'revokedByPsu'],
    ['valid', 'terminatedByTpp', 'terminatedByTpp'],
    ['valid', 'oneOffUsedUp', 'expired'],
  ];

  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(transitionConsent(from, event)).toEqual({ ok: true, status: to, changed: from !== to });
  });

  const refused: [ConsentStatus, ConsentEvent][] = [
    ['received', 'oneOffUsedUp'],
    ['valid', 'scaStarted'],
    ['valid', 'rejectedAtBank'],
    ['valid', 'authorisationTimedOut'],
  ];

  it.each(refused)('refuses %s --%s--> with 409 STATUS_INVALID', (from, event) => {
    expect(transitionConsent(from, event)).toMatchObject({
      ok: false,
      error: { code: 'STATUS_INVALID', status: 409 },
    });
  });

  it('covers every status x event pair in the tables above', () => {
    const listed = new Set([
      ...allowed.map(([s, e]) => `${s}/${e}`),
      ...refused.map(([s, e]) => `${s}/${e}`),
    ]);
    for (const status of ['received', 'valid'] as const) {
      for (const event of CONSENT_EVENTS) expect(listed.has(`${status}/${event}`)).toBe(true);
    }
  });

  it('refuses to start an authorisation on a terminated consent (the 409 of the HTTP layer)', () => {
    const result = transitionConsent('terminatedByTpp', 'scaStarted');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.text).toBe(
        'Cannot start an authorisation of this consent: the consent has ended (status terminatedByTpp)',
      );
    }
  });
});
