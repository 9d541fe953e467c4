/**
 * The body of a payment in one of a bank's own products (`paymentProducts` of the registry):
 * "you have to send payment information in a format the bank will accept" (vendor docs), so
 * Bankbridge passes it through to the bank as it came, after structural checks only:
 * a JSON object, not larger than the cap, and where the usual fields are present, the usual
 * shapes (`instructedAmount`, `debtorAccount`, `creditorAccount`, each item of `payments`).
 * Fields Bankbridge does not know are the bank's business and stay.
 */
import { parseAmount } from './amount.js';
import { formatError, type PaymentRuleError, type RuleResult, refusal } from './errors.js';
import { accountShapeProblem } from './payment-account.js';

/** Decision: 256 KiB of JSON, enough for a bulk of a thousand items with remittance texts. */
export const DEFAULT_BANK_BODY_MAX_BYTES = 256 * 1024;

/**
 * Decision: 32 levels of objects and arrays. A payment body is a few deep (a bulk item's
 * address is four); a body nested thousands deep would overflow the stack of whatever walks it
 * recursively (JSON.stringify for the size, the store, the bank's parser).
 */
export const BANK_BODY_MAX_DEPTH = 32;

/** Whether `value` nests objects and arrays deeper than `max`, found without recursion. */
function deeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

export interface BankProductBody {
  /** The body as the TPP sent it: what the connector forwards. */
  body: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function moneyProblem(
  value: Record<string, unknown>,
  prefix: string,
): PaymentRuleError | undefined {
  const at = (key: string) => (prefix === '' ? key : `${prefix}.${key}`);
  if (value.instructedAmount !== undefined) {
    const amount = parseAmount(value.instructedAmount, at('instructedAmount'));
    if (!amount.ok) return amount.error;
  }
  for (const key of ['debtorAccount', 'creditorAccount']) {
    if (value[key] !== undefined) {
      const problem = accountShapeProblem(value[key], at(key));
      if (problem) return problem;
    }
  }
  return undefined;
}

/** The bank product's body, checked for structure only, or the first refusal. */
export function checkBankProductBody(
  body: unknown,
  options: { maxBytes?: number } = {},
): RuleResult<BankProductBody> {
  if (!isObject(body)) {
    return { ok: false, error: formatError('body', 'must be a JSON object') };
  }
  if (deeperThan(body, BANK_BODY_MAX_DEPTH)) {
    return {
      ok: false,
      error: formatError('body', `must not nest more than ${BANK_BODY_MAX_DEPTH} levels deep`),
    };
  }
  const maxBytes = options.maxBytes ?? DEFAULT_BANK_BODY_MAX_BYTES;
  const size = new TextEncoder().encode(JSON.stringify(body)).length;
  if (size > maxBytes) {
    return {
      ok: false,
      error: refusal(
        'PAYLOAD_TOO_LARGE',
        413,
        `The payment body has ${size} bytes; the most is ${maxBytes}`,
      ),
    };
  }
  const problem = moneyProblem(body, '');
  if (problem) return { ok: false, error: problem };
  if (body.payments !== undefined) {
    if (!Array.isArray(body.payments) || body.payments.length === 0) {
      return { ok: false, error: formatError('payments', 'must be a non-empty list of payments') };
    }
    for (const [index, item] of body.payments.entries()) {
      const path = `payments[${index}]`;
      if (!isObject(item)) return { ok: false, error: formatError(path, 'must be an object') };
      const itemProblem = moneyProblem(item, path);
      if (itemProblem) return { ok: false, error: itemProblem };
    }
  }
  return { ok: true, value: { body } };
}
