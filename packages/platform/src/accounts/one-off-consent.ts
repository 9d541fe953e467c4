/**
 * The end of a one-off consent: read once for everything it grants, it is used up.
 */
import { toDomain } from '../consents/consent-record.js';
import {
  applyConsentEvent,
  consentForm,
  covers,
  frequencyKey,
  oneOffUsedUp,
  type ReadSlot,
} from '../consents/rules/index.js';
import type { CallContext } from '../logging/logger.js';
import type { AccountIdsRepository } from '../store/account-ids.js';
import { CONFLICT, type ConsentsRepository } from '../store/consents.js';
import type { FrequencyCountersRepository } from '../store/frequency-counters.js';
import { identityOf, type UsableConsent } from './usable-consent.js';

export interface OneOffStores {
  consents: ConsentsRepository;
  accountIds: AccountIdsRepository;
  counters: FrequencyCountersRepository;
  now: () => Date;
}

/**
 * A one-off consent read for everything it grants ends `expired` (`oneOffUsedUp`). The
 * accounts it covers are those of its client at the bank that it grants. Decisions: every
 * account the consent names must have been seen (an account never read cannot be used up);
 * an `allPsd2` one-off consent, whose accounts Bankbridge cannot know in full, ends at its
 * validUntil only. The read that used it up has been served; later ones get 401.
 */
export async function endIfUsedUp(
  stores: OneOffStores,
  ctx: CallContext,
  usable: UsableConsent,
): Promise<void> {
  const { consent, record, timeZone } = usable;
  if (consent.recurringIndicator || consentForm(consent.access) === 'allPsd2') return;
  const known = (await stores.accountIds.forBank(record.clientId, record.bic)).map((id) =>
    identityOf({ id, bank: {} }),
  );
  const lists =
    consentForm(consent.access) === 'bankOffered' ? consent.grantedAccess : consent.access;
  const named = [
    ...(lists?.accounts ?? []),
    ...(lists?.balances ?? []),
    ...(lists?.transactions ?? []),
  ];
  if (!named.every((reference) => known.some((account) => covers(reference, account)))) return;
  const keys = await stores.counters.readKeys(consent.id);
  const now = stores.now();
  const isRead = (slot: ReadSlot) =>
    keys.has(
      frequencyKey(consent.id, slot.accountId, slot.endpoint, now, timeZone, {
        recurring: false,
      }),
    );
  const accounts = known.map((account) => ({ ...account, id: account.id.resourceId }));
  if (!oneOffUsedUp(consent, accounts, isRead)) return;
  const latest = (await stores.consents.get(record.id)) ?? record;
  const applied = applyConsentEvent(toDomain(latest), 'oneOffUsedUp', now, timeZone);
  if (!applied.ok || !applied.changed) return;
  const written = await stores.consents.changeStatus(
    latest,
    applied.consent.status,
    { reason: 'one-off consent used up', requestId: ctx.requestId },
    { lastActionDate: applied.consent.lastActionDate },
  );
  // Lost to another change (a parallel read ending it too, a refresh): the next read decides.
  if (written !== CONFLICT) ctx.logger.info({ consentId: record.id }, 'one-off consent used up');
}
