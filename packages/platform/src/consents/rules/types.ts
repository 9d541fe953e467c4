/**
 * The consent as Bankbridge understands it: statuses, the access a TPP asks for, and the
 * consent record the rules work on. Names and values are those of the NextGenPSD2 contract
 * (`openapi/nextgenpsd2-1.3.3.yaml`, schemas `consentStatus` and `accountAccess`).
 */

/** `consentStatus` of the contract. */
export const CONSENT_STATUSES = [
  'received',
  'valid',
  'rejected',
  'revokedByPsu',
  'expired',
  'terminatedByTpp',
] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Whether a stored or reported value is a consent status (the store keeps it as text). */
export function isConsentStatus(value: unknown): value is ConsentStatus {
  return (CONSENT_STATUSES as readonly unknown[]).includes(value);
}

/** Statuses a consent never leaves. */
export const TERMINAL_CONSENT_STATUSES: ReadonlySet<ConsentStatus> = new Set([
  'rejected',
  'revokedByPsu',
  'expired',
  'terminatedByTpp',
]);

/**
 * An account in a consent: exactly one of `iban` / `bban`, optionally narrowed to one
 * currency of a multi-currency account.
 * Decision: the contract's `accountReference` also allows `pan`, `maskedPan` and `msisdn`
 * (card accounts, phone aliases). Bankbridge serves payment accounts only (no card-account
 * endpoints), so a consent naming those is refused with 400 PARAMETER_NOT_SUPPORTED rather
 * than accepted for accounts it could never reach. The Nordic `clearingNumber` is likewise not
 * taken: the sandbox and the connectors address accounts by IBAN or BBAN.
 */
export type AccountReference =
  | { iban: string; bban?: never; currency?: string }
  | { bban: string; iban?: never; currency?: string };

/**
 * `accountAccess` of the contract, as parsed and normalised (see `parse-consent-request.ts`).
 * Exactly one form per consent:
 * - dedicated: `accounts` (and `balances` / `transactions`, each within `accounts`);
 * - bank-offered: `{}` or only empty lists; the PSU picks the accounts at the bank;
 * - `availableAccounts`: the account list only ("allAccountsWithBalances": with balances);
 * - `allPsd2`: every account, with balances and transactions.
 */
export interface ConsentAccess {
  accounts?: AccountReference[];
  balances?: AccountReference[];
  transactions?: AccountReference[];
  availableAccounts?: 'allAccounts' | 'allAccountsWithBalances';
  allPsd2?: 'allAccounts';
}

export type ConsentForm = 'dedicated' | 'bankOffered' | 'availableAccounts' | 'allPsd2';

/** Which of the four consent forms an access is (it holds exactly one after parsing). */
export function consentForm(access: ConsentAccess): ConsentForm {
  if (access.allPsd2 !== undefined) return 'allPsd2';
  if (access.availableAccounts !== undefined) return 'availableAccounts';
  const lists = [access.accounts, access.balances, access.transactions];
  return lists.some((list) => list !== undefined && list.length > 0) ? 'dedicated' : 'bankOffered';
}

/** What the PSU granted at the bank for a bank-offered consent, as account references. */
export interface GrantedAccess {
  accounts: AccountReference[];
  balances: AccountReference[];
  transactions: AccountReference[];
}

export type PsuContext = 'private' | 'corporate';

/**
 * What Bankbridge keeps of a consent. Field names follow the consent store
 * (`store/consents.ts`): the PSU context is `psuContext` there, so it is here too.
 */
export interface Consent {
  id: string;
  /** The TPP (OAuth client) that created it; no other client may see or use it. */
  clientId: string;
  /** The bank it was created at (`X-BicFi`). */
  bic: string;
  status: ConsentStatus;
  access: ConsentAccess;
  recurringIndicator: boolean;
  /** ISO date (YYYY-MM-DD), the bank's local date; the last day the consent may be used. */
  validUntil: string;
  frequencyPerDay: number;
  combinedServiceIndicator: boolean;
  psuContext: PsuContext;
  psuCorporateId?: string | null;
  /** For a bank-offered consent once valid: what the PSU picked at the bank. */
  grantedAccess?: GrantedAccess | null;
  /** ISO 8601 date-time. */
  createdAt: string;
  /** ISO date of the last action with an impact on the status (contract: `lastActionDate`). */
  lastActionDate: string;
  /** ISO 8601 date-time of the last status change. */
  statusChangedAt: string;
}
