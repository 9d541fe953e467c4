/**
 * What the account-information modules pass each other: who asks, and the consent that passed
 * the rules before any bank call (known, the caller's, usable now).
 */
import type { Consent, PsuContext } from '../consents/rules/index.js';
import type { AspspEntry } from '../registry/types.js';
import type { AccountIdRecord } from '../store/account-ids.js';
import type { BankTokens, ConsentRecord } from '../store/consents.js';

/** Who asks, under which consent, and whether the PSU is there. */
export interface AisRequest {
  clientId: string;
  /** The token's context: `corporate` when its scope says so, else `private`. */
  context: PsuContext;
  /** The `Consent-ID` header. */
  consentId: string | undefined;
  /** The `X-BicFi` header. */
  bic: string | undefined;
  /** `PSU-IP-Address`: present means the PSU is there (the read is not unattended). */
  psuIpAddress?: string | undefined;
  psuUserAgent?: string | undefined;
  psuCorporateId?: string | undefined;
}

/** A consent that passed rules 2 and 3, with what the bank calls need. */
export interface UsableConsent {
  record: ConsentRecord;
  /** The bank tokens read with `record`, opened when the bank is called. */
  bankTokens: () => BankTokens | undefined;
  consent: Consent;
  entry: AspspEntry;
  timeZone: string;
}

/** An account with the identity the consent's rules match on: IBAN or BBAN, and currency. */
export function identityOf<T extends { id: AccountIdRecord; bank: Record<string, unknown> }>(
  account: T,
): T & { iban?: string; bban?: string; currency?: string } {
  return {
    ...account,
    ...(account.id.iban ? { iban: account.id.iban } : {}),
    ...(account.id.bban ? { bban: account.id.bban } : {}),
    ...(account.id.currency ? { currency: account.id.currency } : {}),
  };
}
