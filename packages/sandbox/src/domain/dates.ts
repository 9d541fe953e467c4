// Calendar helpers. The sandbox works in UTC calendar days ("YYYY-MM-DD"), which is what
// Berlin Group dates are; times are only used for token and SCA lifetimes. The one exception
// is the frequencyPerDay count, kept per bank-local day (`localIsoDate`).

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of an ISO date. */
export function epochDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

/** Whether text is a real calendar date in YYYY-MM-DD form (2024-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && isoDate(parsed) === text;
}

export function addSeconds(instant: Date, seconds: number): Date {
  return new Date(instant.getTime() + seconds * 1000);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function dayOfMonth(date: string): number {
  return Number(date.slice(8, 10));
}

export function daysInMonth(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function laterDate(a: string, b: string): string {
  return a.localeCompare(b) >= 0 ? a : b;
}

export function earlierDate(a: string, b: string): string {
  return a.localeCompare(b) <= 0 ? a : b;
}

/**
 * A bank's calendar day of an instant, in its country's time zone: banks count
 * frequencyPerDay per local day, so a Swedish bank's day turns at midnight in Stockholm.
 */
export function localIsoDate(instant: Date, countryCode: string): string {
  const timeZone = COUNTRY_TIME_ZONES[countryCode.toUpperCase()] ?? 'UTC';
  // sv-SE writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', { timeZone }).format(instant);
}

const COUNTRY_TIME_ZONES: Record<string, string> = {
  SE: 'Europe/Stockholm',
  FI: 'Europe/Helsinki',
  DK: 'Europe/Copenhagen',
  NO: 'Europe/Oslo',
  DE: 'Europe/Berlin',
};
