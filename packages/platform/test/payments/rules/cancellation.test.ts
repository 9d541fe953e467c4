import { describe, expect, it } from 'vitest';
import {
  type CancellationRequest,
  decideCancellation,
} from '../../../src/payments/rules/cancellation.js';
import { NOW, TIME_ZONE } from './fixtures.js';

/** NOW is 13:00 in Stockholm on 2026-03-10. */
function request(overrides: Partial<CancellationRequest>): CancellationRequest {
  return {
    status: 'ACSP',
    service: 'payments',
    instant: false,
    executionDate: '2026-03-20',
    bank: { cancellation: true, cutOffTime: '14:00' },
    now: NOW,
    timeZone: TIME_ZONE,
    ...overrides,
  };
}

describe('cancelling a payment', () => {
  it.each([
    ['not yet authorised', { status: 'RCVD' }, 'cancelNow'],
    ['partly authorised', { status: 'PATC' }, 'cancelNow'],
    ['authorised, due later', { status: 'ACTC' }, 'authorisationNeeded'],
    ['accepted, due later', { status: 'ACSP' }, 'authorisationNeeded'],
    ['pending, due later', { status: 'PDNG' }, 'authorisationNeeded'],
    ['due today, before the cut-off', { executionDate: '2026-03-10' }, 'authorisationNeeded'],
    [
      'as soon as possible, before the cut-off',
      { executionDate: undefined },
      'authorisationNeeded',
    ],
    [
      'a running standing order',
      { service: 'periodic-payments', executionDate: '2026-01-01' },
      'authorisationNeeded',
    ],
    ['an instant payment not yet authorised', { status: 'RCVD', instant: true }, 'cancelNow'],
  ] as [string, Partial<CancellationRequest>, string][])('%s: %s', (_, overrides, action) => {
    expect(decideCancellation(request(overrides))).toEqual({ ok: true, action });
  });

  it.each([
    ['executed', { status: 'ACSC' }],
    ['credited', { status: 'ACCC' }],
    ['rejected', { status: 'RJCT' }],
    ['already cancelled', { status: 'CANC' }],
    ['a bulk partly executed', { status: 'PART' }],
    ['an authorised instant payment', { status: 'ACTC', instant: true }],
    [
      'due today, after the cut-off',
      { executionDate: '2026-03-10', now: new Date('2026-03-10T13:00:00Z') },
    ],
    [
      'due today at a bank without a cut-off time',
      { executionDate: '2026-03-10', bank: { cancellation: true } },
    ],
    ['due on a day that has passed', { executionDate: '2026-03-09' }],
  ] as [string, Partial<CancellationRequest>][])(
    '%s → 405 CANCELLATION_INVALID',
    (_, overrides) => {
      expect(decideCancellation(request(overrides))).toMatchObject({
        ok: false,
        error: { code: 'CANCELLATION_INVALID', status: 405 },
      });
    },
  );

  it('answers 405 SERVICE_INVALID at a bank without cancellation, whatever the status', () => {
    for (const status of ['RCVD', 'ACSP', 'ACSC'] as const) {
      expect(decideCancellation(request({ status, bank: { cancellation: false } }))).toMatchObject({
        ok: false,
        error: { code: 'SERVICE_INVALID', status: 405 },
      });
    }
  });

  it("reads the cut-off in the bank's time zone", () => {
    // 13:30 UTC is 14:30 in Stockholm (past the cut-off) but 13:30 in London (before it).
    const now = new Date('2026-03-10T13:30:00Z');
    const today = { executionDate: '2026-03-10', now };
    expect(decideCancellation(request(today)).ok).toBe(false);
    expect(decideCancellation(request({ ...today, timeZone: 'Europe/London' })).ok).toBe(true);
  });
});
