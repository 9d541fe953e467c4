import { describe, expect, it } from 'vitest';
import {
  addDays,
  bankTimeZone,
  daysBetween,
  isIsoDate,
  isTimeZone,
  localDate,
  startOfLocalDay,
} from '../../../src/consents/rules/dates.js';

describe('ISO dates', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '9999-12-31', '0001-01-01', '2026-04-30'])(
    '%s is a date',
    (date) => expect(isIsoDate(date)).toBe(true),
  );

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '2026-1-01',
    '20260101',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026-01-01 ',
    '',
  ])('%j is not a date', (date) => expect(isIsoDate(date)).toBe(false));

  it('adds and counts calendar days across month, year and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });
});

describe('the bank-local date', () => {
  it('is the date in the bank zone, not in UTC', () => {
    const lateUtc = new Date('2026-06-30T22:30:00Z'); // 00:30 on 1 July in Stockholm (CEST)
    expect(localDate(lateUtc, 'UTC')).toBe('2026-06-30');
    expect(localDate(lateUtc, 'Europe/Stockholm')).toBe('2026-07-01');
    expect(localDate(new Date('2026-01-01T04:59:59Z'), 'America/New_York')).toBe('2025-12-31');
  });

  it('is the formatted date at every instant around midnights and clock changes, in any order', () => {
    const reference = (instant: Date, timeZone: string) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-CA', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        })
          .formatToParts(instant)
          .map((part) => [part.type, part.value]),
      );
      return `${parts.year}-${parts.month}-${parts.day}`;
    };
    // Stockholm's spring and autumn changes, midnight skipped in Santiago, quarter-hour offsets.
    const cases: Array<[string, string]> = [
      ['Europe/Stockholm', '2026-03-28T12:00:00Z'],
      ['Europe/Stockholm', '2026-10-24T12:00:00Z'],
      ['America/Santiago', '2026-09-05T12:00:00Z'],
      ['Asia/Kathmandu', '2026-06-01T12:00:00Z'],
      ['Pacific/Chatham', '2026-04-04T00:00:00Z'],
    ];
    for (const [timeZone, from] of cases) {
      const start = Date.parse(from);
      const instants: number[] = [];
      // Every 7 minutes and 13 seconds for three days, and a second either side of each midnight.
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 433_000) instants.push(ms);
      for (let day = 0; day < 4; day++) {
        const date = addDays(from.slice(0, 10), day);
        const midnight = startOfLocalDay(date, timeZone).getTime();
        instants.push(midnight - 1, midnight, midnight + 1, midnight - 1000);
      }
      for (const order of [instants, [...instants].reverse()]) {
        for (const ms of order) {
          expect(
            localDate(new Date(ms), timeZone),
            `${timeZone} ${new Date(ms).toISOString()}`,
          ).toBe(reference(new Date(ms), timeZone));
        }
      }
    }
  });

  it('starts at local midnight, summer and winter', () => {
    expect(startOfLocalDay('2026-07-01', 'Europe/Stockholm').toISOString()).toBe(
      '2026-06-30T22:00:00.000Z',
    );
    expect(startOfLocalDay('2026-01-15', 'Europe/Stockholm').toISOString()).toBe(
      '2026-01-14T23:00:00.000Z',
    );
    expect(startOfLocalDay('2026-01-15', 'UTC').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfLocalDay('2026-01-15', 'Pacific/Kiritimati').toISOString()).toBe(
      '2026-01-14T10:00:00.000Z',
    );
    expect(startOfLocalDay('2026-01-15', 'Pacific/Pago_Pago').toISOString()).toBe(
      '2026-01-15T11:00:00.000Z',
    );
  });

  it('starts on the days the clocks change', () => {
    // Europe changes at 01:00 UTC, so midnight exists on both days.
    expect(startOfLocalDay('2026-03-29', 'Europe/Stockholm').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(startOfLocalDay('2026-03-30', 'Europe/Stockholm').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(startOfLocalDay('2026-10-25', 'Europe/Stockholm').toISOString()).toBe(
      '2026-10-24T22:00:00.000Z',
    );
    expect(startOfLocalDay('2026-10-26', 'Europe/Stockholm').toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });

  it('starts when the clocks jump where midnight is skipped', () => {
    // Santiago de Chile moved its clocks from 00:00 to 01:00 on 2024-09-08.
    const start = startOfLocalDay('2024-09-08', 'America/Santiago');
    expect(start.toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(localDate(start, 'America/Santiago')).toBe('2024-09-08');
    expect(localDate(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2024-09-07');
  });

  it('knows time zones and the zone of a bank country', () => {
    expect(isTimeZone('Europe/Stockholm')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(bankTimeZone('SE')).toBe('Europe/Stockholm');
    expect(bankTimeZone('fi')).toBe('Europe/Helsinki');
    expect(bankTimeZone('DE')).toBe('Europe/Berlin');
    expect(bankTimeZone('DK')).toBe('Europe/Copenhagen');
    expect(bankTimeZone('US')).toBe('UTC');
  });
});
