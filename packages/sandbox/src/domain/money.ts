// Amounts are kept as integers of minor units (öre, cents) so sums are exact, and leave
// the sandbox as decimal strings, as Berlin Group requires. All sandbox currencies have
// two decimals.

export function formatAmount(minorUnits: number): string {
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents}`;
}

const DECIMAL = /^-?\d{1,14}(\.\d{1,2})?$/;

/** Parses "123.45" / "-12.5" / "7" into minor units; undefined when not a decimal amount. */
export function parseAmount(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -minor : minor;
}
