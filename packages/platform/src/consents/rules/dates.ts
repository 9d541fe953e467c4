/**
 * Calendar dates for the consent rules. Berlin Group dates (`validUntil`, `lastActionDate`,
 * the frequency day) are the bank's *local* date, so every rule that turns an instant into a
 * date takes the bank's IANA time zone.
 *
 * Decision: the bank's zone, not UTC. A Swedish bank's consent "valid until 2026-03-31" ends
 * at midnight in Stockholm, and its frequency budget resets at midnight in Stockholm; with UTC
 * both would be off by one or two hours. The registry has no time-zone field, so
 * `bankTimeZone` derives it from the bank's country; callers that know better pass their own.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (no time, no zone), years 0001 to 9999. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toUtcMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0-99 to 1900-1999; set the year explicitly.
  return new Date(ms).setUTCFullYear(year, month - 1, day);
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** `date` plus `days` calendar days (negative: earlier). `date` must be an ISO date. */
export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * 86_400_000);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / 86_400_000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone name this runtime knows (e.g. `Europe/Stockholm`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** en-US's numeric date, MM/DD/YYYY (a year below 1000 has fewer digits). */
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{1,4})$/;

function dateParts(instant: Date, timeZone: string): Record<string, number> {
  const f = formatter(timeZone);
  // `format` is a third of `formatToParts`'s cost, and every consent and payment asks for
  // the bank's date several times; the parts stay the fallback for any other shape.
  const us = US_DATE.exec(f.format(instant));
  if (us) return { month: Number(us[1]), day: Number(us[2]), year: Number(us[3]) };
  const parts: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The date it is at `instant` in `timeZone`, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  // Every caller asks for today: the day's bounds per zone answer without formatting a date.
  const ms = instant.getTime();
  const today = todays.get(timeZone);
  if (today !== undefined && ms >= today.from && ms < today.to) return today.date;
  const date = formattedLocalDate(instant, timeZone);
  const from = startOfLocalDay(date, timeZone).getTime();
  const to = startOfLocalDay(addDays(date, 1), timeZone).getTime();
  if (ms >= from && ms < to) {
    if (todays.size >= 256) todays.clear();
    todays.set(timeZone, { date, from, to });
  }
  return date;
}

/** Per zone, the last day asked for and the instants it runs between, `to` excluded. */
const todays = new Map<string, { date: string; from: number; to: number }>();

function formattedLocalDate(instant: Date, timeZone: string): string {
  const p = dateParts(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * The instant `date` begins in `timeZone`: local midnight, or the first instant of the day
 * where a daylight-saving change skips midnight. Found by bisection over the 29 hours in
 * which any zone's midnight falls (offsets run from UTC-12 to UTC+14), to the second: exact
 * for every zone without arithmetic on offsets.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  // Every data read asks for the end of its consent's validity: the ~17 zone lookups of the
  // bisection are done once per date and zone, not once per request.
  const key = `${date} ${timeZone}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= 4096) dayStarts.clear();
    start = bisectStartOfLocalDay(date, timeZone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

const dayStarts = new Map<string, number>();

function bisectStartOfLocalDay(date: string, timeZone: string): number {
  const midnightAsUtc = toUtcMs(date);
  let before = midnightAsUtc - 15 * 3_600_000; // still the day before everywhere
  let after = midnightAsUtc + 13 * 3_600_000; // already `date` (or later) everywhere
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (formattedLocalDate(new Date(middle), timeZone) < date) before = middle;
    else after = middle;
  }
  return after;
}

/**
 * The bank's time zone from its country (ISO 3166-1 alpha-2): the zone of the capital for
 * the EEA countries and Switzerland and the United Kingdom; UTC for any other country.
 * Decision: countries with several zones (Spain, Portugal) use the mainland zone, where the
 * banks' head offices are.
 */
export function bankTimeZone(isoCountryCode: string): string {
  return BANK_TIME_ZONES[isoCountryCode.toUpperCase()] ?? 'UTC';
}

const BANK_TIME_ZONES: Record<string, string> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CH: 'Europe/Zurich',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  LI: 'Europe/Vaduz',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
};
