/**
 * Who lets the PSU pick the accounts of a bank-offered consent (the integration guide's
 * `access: {}`): the bank itself on its SCA pages, or Bankbridge, where the bank cannot.
 *
 * Decisions:
 * - A bank that offers bank-offered consents keeps doing it: its own pages know the PSU's
 *   accounts best.
 * - A bank with a redirect SCA and `allPsd2` consents (`bankbridgeList`): Bankbridge asks the
 *   bank for an `allPsd2` consent, the PSU authenticates at the bank, and on the way back,
 *   before the TPP gets its code, Bankbridge lists the PSU's accounts with the bank's tokens and
 *   the PSU ticks the ones to share on Bankbridge's page. The consent grants exactly those:
 *   Bankbridge checks every read against the pick before any bank call (`access.ts`), so no
 *   other account is ever readable through it, although the bank's consent reaches further.
 *   The PSU ticks from a list rather than typing account numbers.
 * - Any other bank with a redirect SCA (`bankbridgeTyped`): the PSU names the accounts on a
 *   Bankbridge page before the browser goes to the bank; Bankbridge then asks the bank for a
 *   consent on exactly those accounts, and the bank's SCA confirms them (a bank refuses
 *   accounts that are not the PSU's). Nothing is asked of the bank before the PSU has named
 *   them, and the bank itself holds the consent to the pick. `availableAccounts` alone would
 *   give the list but no data, and a second, detailed consent would cost the PSU a second SCA.
 * - A bank with a decoupled SCA only (BankID, no account listing: Handelsbanken) is the typed
 *   case too, with Bankbridge hosting the whole SCA: the guide's client follows whichever
 *   approach the PUT of the authorisation answers, so Bankbridge answers REDIRECT, and its own
 *   pages take the PSU through it. The PSU names the accounts; Bankbridge asks the bank for a
 *   consent on exactly those and starts the bank's decoupled SCA for it; its page shows the
 *   BankID QR code and the link that opens BankID on the same device, while it follows the
 *   bank's status; once the bank reports the SCA finalised, the browser goes back to the TPP
 *   with a code, as from a redirect bank. The bank issues its BankID order only for a consent
 *   that already names the accounts, which is why the TPP's own QR code cannot serve here.
 *   Such a bank with `allPsd2` is the typed case as well: its list could be read only after
 *   the BankID, and the typed consent leaves the bank itself holding the pick. A bank that
 *   takes the named accounts but will not start its BankID for them has its consent deleted
 *   there, and the consent is `rejected`: the PSU's step cannot be repeated on it, so the TPP
 *   hears `access_denied` whatever the bank's failure was.
 * - Nothing picked is asked again on the page; the PSU who wants to share nothing cancels, and
 *   that is a denial: the TPP hears `access_denied`, the consent is `rejected`, and a consent
 *   the bank holds already (authorised, or waiting for its BankID) is ended there.
 * - A PSU who leaves half-way (after the bank's login, before the pick; on the BankID page,
 *   even past the interaction's own lifetime) leaves the bank holding a consent while
 *   Bankbridge's is still `received`: once the authorisation time is up, the rejection (an
 *   event the TPP hears) marks the bank's consent as due to end, and the consent expiry sweep
 *   ends it there, once (the consent's row claims every attempt), asking again while the bank
 *   does not answer. A consent that became valid is never ended this way: its bank consent
 *   lives and ends with it.
 * - Which of these applies is read from the registry when the step is due; an entry changed
 *   while a PSU is in the middle of it can only grant less (a bank-offered grant read from an
 *   `allPsd2` consent lists no accounts), never more.
 */
import type { ConsentSettings } from '../../registry/types.js';
import { ibanProblem, normaliseIban } from './iban.js';

export type OfferedConsentPicker = 'bank' | 'bankbridgeList' | 'bankbridgeTyped';

/**
 * Who picks with the PSU at a bank with these consent settings and SCA approaches: at every bank
 * somebody can, since Bankbridge's own pages can host any bank's SCA.
 */
export function offeredConsentPicker(
  consent: Pick<ConsentSettings, 'bankOffered' | 'allPsd2'>,
  scaApproaches: readonly string[],
): OfferedConsentPicker {
  if (consent.bankOffered) return 'bank';
  // Listing the accounts needs the bank's tokens before the TPP has its code: only a redirect
  // SCA hands them over in time.
  return consent.allPsd2 && scaApproaches.includes('REDIRECT')
    ? 'bankbridgeList'
    : 'bankbridgeTyped';
}

export type TypedAccounts = { ok: true; ibans: string[] } | { ok: false; problem: string };

/**
 * The IBANs a PSU typed: one or more, separated by new lines, commas or semicolons; spaces
 * inside an IBAN (its print format) are allowed, as people copy them that way. The problems
 * are written for the PSU.
 */
export function parseTypedIbans(text: string | undefined, max = 10): TypedAccounts {
  const entries = (text ?? '')
    .split(/[\n\r,;]+/)
    .map((entry) => entry.replace(/\s+/g, ''))
    .filter(Boolean);
  if (entries.length === 0) {
    return { ok: false, problem: 'Enter the IBAN of at least one account to share.' };
  }
  if (entries.length > max) {
    return { ok: false, problem: `Enter at most ${max} accounts.` };
  }
  const ibans: string[] = [];
  for (const entry of entries) {
    const problem = ibanProblem(entry.toUpperCase());
    if (problem) return { ok: false, problem: `${entry} ${problem}.` };
    const iban = normaliseIban(entry);
    if (!ibans.includes(iban)) ibans.push(iban);
  }
  return { ok: true, ibans };
}
