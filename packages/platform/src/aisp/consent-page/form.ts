/**
 * The forms the page posts: read with a size limit and accepted from this origin only
 * (`auth/forms.ts`, shared with the auth server's pages), and the bank form's fields (how to
 * log in, the IBANs where the user names them) checked.
 */
import type { AspspEntry } from '../../registry/types.js';
import type { Approach } from './consent-calls.js';
import { type ConsentTerms, parseIbanList } from './consent-request.js';

/** The bank form, checked: what to ask the bank for, or what to tell the user to fix. */
export type BankForm =
  | { ok: true; approach: Approach; ibans: string[] }
  | { ok: false; error: string; ibans?: string };

export function readBankForm(
  form: URLSearchParams,
  bank: AspspEntry,
  terms: ConsentTerms,
): BankForm {
  const approach = form.get('approach');
  if (approach !== 'REDIRECT' && approach !== 'DECOUPLED') {
    return { ok: false, error: 'Choose how to log in.' };
  }
  if (!bank.connector.scaApproaches.includes(approach)) {
    return { ok: false, error: `${bank.name} does not offer this way to log in.` };
  }
  // A bank with bank-offered consents settles the accounts itself: nothing typed is asked for.
  if (terms.bankOffered) return { ok: true, approach, ibans: [] };
  const typed = form.get('ibans') ?? '';
  const parsed = parseIbanList(typed);
  if (!parsed.ok) return { ok: false, error: parsed.problem, ibans: typed };
  return { ok: true, approach, ibans: parsed.ibans };
}
