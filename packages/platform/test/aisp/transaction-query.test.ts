// The simple AISP API's transaction query, as the account information service gets it.
import { describe, expect, it } from 'vitest';
import { transactionQuery } from '../../src/aisp/api-routes.js';

const NOW = new Date('2026-11-21T10:00:00Z');

describe('transactionQuery', () => {
  it('reads the last 90 days by default, or the 90 days up to date_to', () => {
    expect(transactionQuery({}, NOW)).toEqual({ bookingStatus: 'both', dateFrom: '2026-08-23' });
    expect(transactionQuery({ date_to: '2026-03-31', status: 'booked' }, NOW)).toEqual({
      bookingStatus: 'booked',
      dateFrom: '2025-12-31',
      dateTo: '2026-03-31',
    });
  });

  it('stops the default window at 0001-01-01 for a date_to in the first 90 days of year 1', () => {
    expect(transactionQuery({ date_to: '0001-01-01' }, NOW)).toEqual({
      bookingStatus: 'both',
      dateFrom: '0001-01-01',
      dateTo: '0001-01-01',
    });
    expect(transactionQuery({ date_to: '0001-03-01' }, NOW).dateFrom).toBe('0001-01-01');
  });

  it('names the parameter the app sent when a date is malformed', () => {
    expect(() => transactionQuery({ date_to: '0001-1-1' }, NOW)).toThrow(
      'date_to must be a date written YYYY-MM-DD, not "0001-1-1"',
    );
  });
});
