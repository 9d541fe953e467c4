// How long an app asks access for: the optional `validity_days` of `/oauth/authorize`, checked
// by the OAuth server and read by the consent page.

/** The optional authorization parameter: how many days the app asks access for. */
export const VALIDITY_PARAM = 'validity_days';
export const MAX_VALIDITY_DAYS = 365;

/** A whole number of days from 1 to MAX_VALIDITY_DAYS, or undefined. */
export function parseValidityDays(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[0-9]{1,3}$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 && days <= MAX_VALIDITY_DAYS ? days : undefined;
}
