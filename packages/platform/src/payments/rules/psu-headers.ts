/**
 * The PSU headers a call about a payment carries to the bank. The TPP's own are passed on
 * whenever it sent them: its user is there. A header the bank insists on for the call
 * (registry `payments.requiredPsuHeaders`) that the TPP did not send (it may leave them out of
 * a status read, and the background status poller has no PSU at all) is the one given when
 * the payment was created, which Bankbridge keeps for this. Decision: where neither exists,
 * the header is left out; Bankbridge never makes one up, as an address that is not the
 * PSU's would mislead the bank's fraud checks, and the bank's refusal is answered as any
 * other refusal of the bank.
 */

/** PSU headers by the name Bankbridge gives them. */
export interface PsuHeaderValues {
  ipAddress?: string;
  userAgent?: string;
  psuId?: string;
  corporateId?: string;
}

const FIELDS: Readonly<Record<string, keyof PsuHeaderValues>> = {
  'psu-ip-address': 'ipAddress',
  'psu-user-agent': 'userAgent',
  'psu-id': 'psuId',
  'psu-corporate-id': 'corporateId',
};

/** What to send: the TPP's headers, and the kept value of each required header it left out. */
export function psuHeadersForBank(
  required: readonly string[],
  tpp: PsuHeaderValues | undefined,
  kept: PsuHeaderValues,
): PsuHeaderValues {
  const out: PsuHeaderValues = {};
  for (const [field, value] of Object.entries(tpp ?? {}) as [keyof PsuHeaderValues, unknown][]) {
    if (typeof value === 'string' && value !== '') out[field] = value;
  }
  for (const header of required) {
    const field = FIELDS[header.toLowerCase()];
    const value = field && kept[field];
    if (field && out[field] === undefined && value) out[field] = value;
  }
  return out;
}
