// One simulated bank: its registry settings, its PSUs and the in-memory state of its API
// (consents, SCA, tokens, read counters, injected faults). Lives as long as the server.
// Its PSUs are the listed ones (test PSUs, data files) and, at a bank that takes any valid
// national id, customers generated on demand for such ids; the listed ones come first.

import type { SandboxBankConfig } from '../registry/load-registry.js';
import { type Consent, transitionConsent } from './consents.js';
import type { Authorisation } from './decoupled-sca.js';
import { type FaultConfig, NO_FAULTS } from './faults.js';
import { FrequencyCounter } from './frequency.js';
import type { GeneratedCustomers } from './generated-customers.js';
import { LedgerOverlay } from './ledger-overlay.js';
import type { Account, Psu } from './model.js';
import type { Payment } from './payments.js';
import { hashString, SeededRandom } from './random.js';
import { ReplayStore } from './request-replay.js';
import { type ScaResourceRef, sameResource } from './sca-resource.js';
import { TokenStore } from './tokens.js';

export class SandboxBank {
  readonly consents = new Map<string, Consent>();
  readonly authorisations = new Map<string, Authorisation>();
  readonly tokens: TokenStore;
  readonly frequency = new FrequencyCounter();
  readonly payments = new Map<string, Payment>();
  /** Executed payments, merged into every account's ledger. */
  readonly overlay = new LedgerOverlay();
  readonly replays = new ReplayStore();
  /** Payees each PSU has approved (the new-creditor scenario asks once per payee). */
  readonly approvedCreditors = new Map<string, Set<string>>();
  /** Fault injection: the next this many payment initiations are booked but never answered. */
  lostPaymentAnswers = 0;
  faults: FaultConfig;
  /** Seeded so a run of calls with a fault share hits the same calls every time. */
  readonly faultRandom: SeededRandom;
  private readonly accountIndex = new Map<string, Account>();
  private readonly psuIndex = new Map<string, Psu>();

  constructor(
    readonly config: SandboxBankConfig,
    readonly psus: readonly Psu[],
    faults: FaultConfig,
    newSecret: () => string,
    /** Set at banks that take any valid national id (see generated-customers.ts). */
    private readonly generated?: GeneratedCustomers,
  ) {
    this.tokens = new TokenStore(newSecret);
    this.faults = { ...NO_FAULTS, ...faults };
    this.faultRandom = new SeededRandom(hashString(`faults/${config.bic}`));
    for (const psu of psus) {
      this.psuIndex.set(psu.psuId, psu);
      for (const account of psu.accounts) {
        this.accountIndex.set(account.resourceId, account);
        const generated = account.ledger.bind(account);
        account.ledger = (now) => this.overlay.merge(account.iban, generated(now));
      }
    }
  }

  get bic(): string {
    return this.config.bic;
  }

  /** Whether any valid national id (at Swedish banks: personnummer) is a customer. */
  get takesAnyNationalId(): boolean {
    return this.generated !== undefined;
  }

  psu(psuId: string): Psu | undefined {
    const listed = this.psuIndex.get(psuId.trim());
    if (listed || !this.generated) return listed;
    const found = this.generated.find(this.generatorBank(), psuId);
    return 'psu' in found ? found.psu : undefined;
  }

  /**
   * Why the bank identifies nobody by `psuId` when it takes any valid national id (the id is
   * not a valid one); undefined when the PSU exists or the bank knows its listed PSUs only.
   */
  invalidPsuId(psuId: string): string | undefined {
    if (!this.generated || this.psuIndex.has(psuId.trim())) return undefined;
    const found = this.generated.find(this.generatorBank(), psuId);
    return 'refusal' in found ? found.refusal : undefined;
  }

  /**
   * An account by id. A generated customer's accounts are not indexed (they come and go with
   * the cache), so they are found through their owner: `psuId`, the PSU a consent belongs to.
   */
  account(resourceId: string, psuId?: string): Account | undefined {
    const indexed = this.accountIndex.get(resourceId);
    if (indexed || psuId === undefined || !this.generated) return indexed;
    return this.psu(psuId)?.accounts.find((account) => account.resourceId === resourceId);
  }

  private generatorBank() {
    return {
      bic: this.config.bic,
      countryCode: this.config.countryCode,
      historyDays: this.config.accountInformation.transactionHistoryDays,
    };
  }

  /**
   * The bank gives an account a new id, as banks do when they migrate systems or issue ids
   * per consent: the old id is unknown from then on, and every consent that covered the
   * account covers it under the new id. Undefined when no account has `resourceId`.
   */
  renumberAccount(resourceId: string, newId: string): Account | undefined {
    const account = this.accountIndex.get(resourceId);
    if (!account || this.accountIndex.has(newId)) return undefined;
    this.accountIndex.delete(resourceId);
    account.resourceId = newId;
    this.accountIndex.set(newId, account);
    const renamed = (ids: string[]) => ids.map((id) => (id === resourceId ? newId : id));
    for (const consent of this.consents.values()) {
      const granted = consent.granted;
      if (!granted) continue;
      consent.granted = {
        accounts: renamed(granted.accounts),
        balances: renamed(granted.balances),
        transactions: renamed(granted.transactions),
      };
    }
    return account;
  }

  /** Consent of a client; another TPP's consent looks exactly like an unknown one. */
  consentOf(clientId: string, consentId: string): Consent | undefined {
    const consent = this.consents.get(consentId);
    return consent && consent.clientId === clientId ? consent : undefined;
  }

  /** Payment of a client; another TPP's payment looks exactly like an unknown one. */
  paymentOf(clientId: string, paymentId: string): Payment | undefined {
    const payment = this.payments.get(paymentId);
    return payment && payment.clientId === clientId ? payment : undefined;
  }

  /** The decoupled authorisations started for a resource, oldest first. */
  authorisationsOf(resource: ScaResourceRef): Authorisation[] {
    return [...this.authorisations.values()].filter((a) => sameResource(a.resource, resource));
  }

  /** The PSU withdraws every consent at the bank (an admin action / fault). */
  revokePsuConsents(psuId: string, now: Date): string[] {
    const revoked: string[] = [];
    for (const consent of this.consents.values()) {
      if (consent.psuId === psuId && transitionConsent(consent, 'revokedByPsu', now)) {
        this.tokens.revokeConsent(consent.consentId);
        revoked.push(consent.consentId);
      }
    }
    return revoked;
  }
}
