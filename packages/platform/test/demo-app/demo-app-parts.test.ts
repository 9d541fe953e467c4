// The demo app's parts that need no server: amounts, the balance history behind the chart, the
// chart's SVG, and the in-memory sessions (idle expiry, eviction, a BankID sign-in given up).

import type { Connection } from '@bankbridge/client';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatUnits, scaleOf, toUnits } from '../../src/demo-app/amounts.js';
import { balanceHistory, daysBetween, pickAnchor } from '../../src/demo-app/balance-history.js';
import { balanceChart } from '../../src/demo-app/chart.js';
import {
  csrfMatches,
  type DemoSession,
  DemoSessions,
  type PendingSca,
} from '../../src/demo-app/sessions.js';

describe('amounts', () => {
  it('sums decimal strings as integers of the smallest unit used', () => {
    expect(scaleOf(['1.5', '-20.25', '3'])).toBe(2);
    expect(scaleOf(['0.125'])).toBe(3);
    expect(toUnits('-20.25', 2)).toBe(-2025n);
    expect(toUnits('3', 2)).toBe(300n);
    expect(toUnits('+0.1', 2)).toBe(10n);
    expect(toUnits('0.125', 2)).toBeUndefined();
    expect(toUnits('1e3', 2)).toBeUndefined();
    // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    expect(formatUnits((toUnits('0.1', 2) ?? 0n) + (toUnits('0.2', 2) ?? 0n), 2)).toBe('0.30');
  });

  it('writes amounts with grouped thousands and the decimals as given', () => {
    expect(formatUnits(-123456789n, 2)).toBe('-1,234,567.89');
    expect(formatUnits(5n, 2)).toBe('0.05');
    expect(formatUnits(-5n, 0)).toBe('-5');
    expect(formatAmount('12345.6')).toBe('12,345.6');
    expect(formatAmount('-1000000.00')).toBe('-1,000,000.00');
    expect(formatAmount('007.10')).toBe('7.10');
    expect(formatAmount('not a number')).toBe('not a number');
  });
});

describe('the balance history', () => {
  const anchor = {
    balanceType: 'closingBooked',
    amount: '1000.00',
    currency: 'SEK',
    referenceDate: '2026-03-04',
  };
  const tx = (date: string, amount: string, currency = 'SEK') => ({ date, amount, currency });

  it('works back from the booked balance through the transactions, one point per day', () => {
    const history = balanceHistory({
      anchor,
      transactions: [
        tx('2026-03-02', '-100.50'),
        tx('2026-03-03', '250'),
        tx('2026-03-03', '-49.50'),
        tx('2026-03-05', '-10'),
        tx('2026-03-02', '99', 'EUR'),
      ],
      from: '2026-03-01',
      to: '2026-03-05',
    });
    expect(history.points.map((p) => [p.date, formatUnits(p.units, history.scale)])).toEqual([
      ['2026-03-01', '900.00'],
      ['2026-03-02', '799.50'],
      ['2026-03-03', '1,000.00'],
      ['2026-03-04', '1,000.00'],
      // Booked after the balance's day: added.
      ['2026-03-05', '990.00'],
    ]);
    expect(history.skipped).toBe(1);
    expect(history.currency).toBe('SEK');
  });

  it('takes a balance without a date as the period end, and prefers the booked balance', () => {
    expect(
      pickAnchor([
        { balanceType: 'openingBooked', amount: '1', currency: 'SEK' },
        { balanceType: 'interimAvailable', amount: '2', currency: 'SEK' },
        { balanceType: 'closingBooked', amount: '3', currency: 'SEK' },
      ])?.amount,
    ).toBe('3');
    expect(
      pickAnchor([{ balanceType: 'interimAvailable', amount: '2', currency: 'SEK' }])?.amount,
    ).toBe('2');
    expect(pickAnchor([])).toBeUndefined();
    const history = balanceHistory({
      anchor: { balanceType: 'interimAvailable', amount: '10', currency: 'SEK' },
      transactions: [tx('2026-03-02', '4')],
      from: '2026-03-01',
      to: '2026-03-02',
    });
    expect(history.points.map((p) => p.units)).toEqual([600n, 1000n]);
  });

  it('counts days across months and leap days', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});

describe('the balance chart', () => {
  const history = (values: bigint[]) => ({
    currency: 'SEK',
    scale: 2,
    anchor: { balanceType: 'closingBooked', amount: '0', currency: 'SEK' },
    skipped: 0,
    points: values.map((units, i) => ({
      date: `2026-03-${String(i + 1).padStart(2, '0')}`,
      units,
    })),
  });

  it('draws one point per day, the extremes and dates as labels, and the zero line when crossed', () => {
    const svg = balanceChart(history([10000n, -5000n, 250000n])).markup;
    const d = /<path class="balance" d="([^"]+)" data-points="3"/.exec(svg)?.[1] ?? '';
    expect(d.match(/[ML][\d.]+,[\d.]+/g)).toHaveLength(3);
    expect(svg).toContain('>2,500.00</text>');
    expect(svg).toContain('>-50.00</text>');
    expect(svg).toContain('>2026-03-01</text>');
    expect(svg).toContain('>2026-03-03</text>');
    expect(svg).toContain('class="zero"');
    // The lowest point is at the bottom of the plot, the highest at its top.
    const ys = (d.match(/,([\d.]+)/g) ?? []).map((m) => Number(m.slice(1)));
    expect(Math.max(...ys)).toBe(ys[1]);
    expect(Math.min(...ys)).toBe(ys[2]);
  });

  it('draws a flat balance in the middle, without a zero line it does not cross', () => {
    const svg = balanceChart(history([500n, 500n])).markup;
    expect(svg).not.toContain('class="zero"');
    const ys = /d="M[\d.]+,([\d.]+)L[\d.]+,([\d.]+)"/.exec(svg);
    expect(ys?.[1]).toBe(ys?.[2]);
    expect(balanceChart(history([])).markup).toContain('No days');
  });
});

describe('sessions', () => {
  const limits = { idleMs: 60_000, abandonedScaMs: 10_000, maxSessions: 3 };
  const setup = () => {
    let now = 0;
    const ended: Array<Pick<DemoSession, 'pending' | 'connected'>> = [];
    const sessions = new DemoSessions(
      () => now,
      limits,
      (left) => ended.push(left),
    );
    return { sessions, ended, tick: (ms: number) => (now += ms), at: () => now };
  };
  const decoupled = (lastPolledAt: number): PendingSca => ({
    bank: { bic: 'SWEDSESS', name: 'Swedbank AB', logoUrl: undefined },
    connection: { kind: 'decoupled' } as Connection,
    controller: new AbortController(),
    outcome: { state: 'waiting' },
    lastPolledAt,
  });

  it('names each session with 256 random bits and checks its CSRF token', () => {
    const { sessions } = setup();
    const a = sessions.create();
    const b = sessions.create();
    expect(a.id).toMatch(/^[\w-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.csrf).not.toBe(a.id);
    expect(csrfMatches(a, a.csrf)).toBe(true);
    expect(csrfMatches(a, b.csrf)).toBe(false);
    expect(csrfMatches(a, '')).toBe(false);
    expect(sessions.find(a.id)).toBe(a);
    expect(sessions.find('unknown')).toBeUndefined();
    expect(sessions.find(undefined)).toBeUndefined();
  });

  it('forgets a session unused for the idle time, and ends what it left', () => {
    const { sessions, ended, tick } = setup();
    const session = sessions.create();
    session.pending = decoupled(0);
    tick(59_000);
    expect(sessions.find(session.id)).toBe(session);
    tick(61_000);
    expect(sessions.find(session.id)).toBeUndefined();
    expect(ended).toEqual([{ pending: session.pending, connected: undefined }]);
  });

  it('keeps at most maxSessions, dropping the least recently used', () => {
    const { sessions, ended, tick } = setup();
    const [a, b, c] = [sessions.create(), sessions.create(), sessions.create()];
    tick(1);
    sessions.find(a.id);
    const d = sessions.create();
    expect(sessions.size).toBe(3);
    expect(sessions.find(b.id)).toBeUndefined();
    expect([a, c, d].every((s) => sessions.find(s.id) === s)).toBe(true);
    expect(ended).toHaveLength(1);
  });

  it('gives up a BankID sign-in whose page stopped asking, and says so to the page', () => {
    const { sessions, ended, tick } = setup();
    const watched = sessions.create();
    const left = sessions.create();
    watched.pending = decoupled(0);
    left.pending = decoupled(0);
    tick(9_000);
    watched.pending.lastPolledAt = 9_000;
    tick(2_000);
    sessions.sweep();
    expect(watched.pending.outcome.state).toBe('waiting');
    expect(left.pending.outcome).toMatchObject({
      state: 'failed',
      text: expect.stringContaining('given up'),
    });
    expect(ended).toEqual([{ pending: left.pending }]);
  });
});
