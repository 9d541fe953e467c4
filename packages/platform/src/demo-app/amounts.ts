// Amounts arrive as decimal strings ("-1234.5"). Sums are done on integers (bigint) of the
// smallest unit the amounts use, never on floats; only pixel positions are numbers.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Digits after the decimal point of the longest amount (at least 2, as for most currencies). */
export function scaleOf(amounts: readonly string[]): number {
  let scale = 2;
  for (const amount of amounts) {
    const fraction = DECIMAL.exec(amount.trim())?.[3];
    if (fraction && fraction.length > scale) scale = fraction.length;
  }
  return scale;
}

/** `amount` in units of 10^-scale; undefined when it is not a decimal number. */
export function toUnits(amount: string, scale: number): bigint | undefined {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > scale) return undefined;
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -units : units;
}

/** Units back to a decimal string with `scale` digits and grouped thousands: `-1,234.50`. */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${group(whole)}${scale > 0 ? `.${fraction}` : ''}`;
}

/** An amount string as written, with its thousands grouped (`12345.60` -> `12,345.60`). */
export function formatAmount(amount: string): string {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return amount;
  const [, sign, whole = '0', fraction] = match;
  return `${sign === '-' ? '-' : ''}${group(whole.replace(/^0+(?=\d)/, ''))}${fraction === undefined ? '' : `.${fraction}`}`;
}

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
