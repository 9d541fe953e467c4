/**
 * The objects of a consent request that carry a grant (`access` and its account references)
 * are closed: a field they do not have is refused, never dropped. Dropping one turns a typo
 * into a wider grant: `{"acounts": [...]}` read as `{}` is a bank-offered consent, and an
 * account with a misspelt `currency` covers every currency of the account.
 */
import { type ConsentRuleError, formatError, parameterNotSupported } from './errors.js';

/** The longest field name repeated in an answer; the rest of a longer one adds nothing. */
const MAX_NAME_SHOWN = 60;

/** `parent.name`, or `parent["name"]` for a name that is no plain identifier. */
export function fieldPath(parent: string, name: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]{0,59}$/.test(name)) return `${parent}.${name}`;
  const shown = name.length > MAX_NAME_SHOWN ? `${name.slice(0, MAX_NAME_SHOWN)}…` : name;
  return `${parent}[${JSON.stringify(shown)}]`;
}

export interface ClosedObject {
  /** Where the object is in the request, e.g. `access.accounts[0]`. */
  path: string;
  /** What the object is, for the answer: `access`, `an account reference`. */
  what: string;
  /** The fields Bankbridge reads, in the order the answer lists them. */
  fields: readonly string[];
  /**
   * Fields of Berlin Group that Bankbridge does not offer: PARAMETER_NOT_SUPPORTED, with the
   * reason, rather than a FORMAT_ERROR that would call them misspelt.
   */
  notSupported?: Readonly<Record<string, string>>;
}

/** The first field of `value` the object does not have, as the refusal to answer with. */
export function unknownField(
  value: Record<string, unknown>,
  object: ClosedObject,
): ConsentRuleError | undefined {
  // Own keys only: JSON.parse makes `__proto__` an own key, which must be refused like any other.
  for (const name of Object.keys(value)) {
    if (object.fields.includes(name)) continue;
    const path = fieldPath(object.path, name);
    const notSupported = object.notSupported ?? {};
    if (Object.hasOwn(notSupported, name)) {
      return parameterNotSupported(path, `${path}: ${notSupported[name]}`);
    }
    return formatError(
      path,
      `is not a field of ${object.what}; the fields are ${object.fields.join(', ')}`,
    );
  }
  return undefined;
}
