// Customers the Swedish sandbox banks make up for any valid personnummer, as the BankID test
// environment lets a tester use any number: nothing is stored, every value derives from the
// number (the person: name) and from the bank's BIC with the number (what the person has at
// that bank: accounts, balances, history), so a number is the same customer on every start
// and has different accounts at different banks, as in life.

import { type GeneratorBank, generatePsus } from './generator.js';
import { LruCache } from './lru-cache.js';
import type { AccountKind, Psu } from './model.js';
import { checkPersonnummer, type Personnummer } from './personnummer.js';
import { randomFor } from './random.js';
import type { PsuProfile } from './test-psus.js';

/**
 * Whether a bank of the country takes any valid national id. Only Swedish banks do: Finnish
 * (henkilötunnus) and Danish (CPR) numbers have their own checks and could follow the same way;
 * until then those banks know their test PSUs only.
 */
export function takesAnyNationalId(countryCode: string): boolean {
  return countryCode === 'SE';
}

/**
 * How many generated customers stay built, over all banks of a sandbox. A customer whose
 * ledgers were read holds two years of transactions (around 0.4 MB), and any number of
 * testers may try any number of ids: the least recently used is dropped and, being
 * deterministic, built again the same when it comes back.
 */
export const GENERATED_CUSTOMER_CAPACITY = 256;

/** Valid numbers that are no test PSU, shown on login pages and in the README. */
export const PERSONNUMMER_EXAMPLES = ['197803141014', '199403157200'] as const;

const MEN = [
  'Anders',
  'Björn',
  'Daniel',
  'Emil',
  'Filip',
  'Gustav',
  'Henrik',
  'Johan',
  'Karl',
  'Lennart',
  'Magnus',
  'Mikael',
  'Nils',
  'Olof',
  'Per',
  'Sven',
  'Thomas',
  'Viktor',
  'Axel',
  'Leo',
];
const WOMEN = [
  'Agnes',
  'Birgitta',
  'Cecilia',
  'Elin',
  'Emma',
  'Frida',
  'Hanna',
  'Ingrid',
  'Johanna',
  'Karin',
  'Linnea',
  'Malin',
  'Sara',
  'Sofia',
  'Ulla',
  'Wilma',
  'Astrid',
  'Ebba',
  'Klara',
  'Maja',
];
const SURNAMES = [
  'Andersson',
  'Bergström',
  'Carlsson',
  'Dahl',
  'Eriksson',
  'Forsberg',
  'Gustafsson',
  'Hansson',
  'Isaksson',
  'Jakobsson',
  'Karlsson',
  'Lindberg',
  'Lundqvist',
  'Magnusson',
  'Nyström',
  'Olsson',
  'Persson',
  'Sandberg',
  'Sjöberg',
  'Wallin',
  'Åberg',
  'Öberg',
  'Hedlund',
  'Nord',
];

/** The person behind a number at one bank. */
export function generatedProfile(person: Personnummer, bic: string): PsuProfile {
  // The name comes from the number alone: the same person at every bank.
  const who = randomFor('person', person.id);
  const name = `${who.pick(person.sex === 'male' ? MEN : WOMEN)} ${who.pick(SURNAMES)}`;
  const products = randomFor(bic, person.id, 'products');
  const accounts: AccountKind[] = ['current'];
  if (products.chance(0.6)) accounts.push('savings');
  if (products.chance(0.45)) accounts.push('card');
  return {
    psuId: person.id,
    name,
    kind: 'private',
    accounts,
    description: person.coordinationNumber
      ? 'Generated customer of a valid samordningsnummer.'
      : 'Generated customer of a valid personnummer.',
  };
}

export type CustomerLookup = { psu: Psu } | { refusal: string };

/** The generated customers of a sandbox's banks, built on demand and cached with a bound. */
export class GeneratedCustomers {
  private readonly cache: LruCache<string, Psu>;

  constructor(
    private readonly startedAt: Date,
    capacity = GENERATED_CUSTOMER_CAPACITY,
  ) {
    this.cache = new LruCache(capacity);
  }

  /** How many customers are built right now (never above the capacity). */
  get size(): number {
    return this.cache.size;
  }

  /** The customer `psuId` is at the bank, or why the bank cannot identify anyone by it. */
  find(bank: GeneratorBank, psuId: string): CustomerLookup {
    const check = checkPersonnummer(psuId);
    if (!check.valid)
      return { refusal: `${psuId.trim()} is not a valid personal number: ${check.reason}` };
    const person = check.personnummer;
    const psu = this.cache.getOrSet(`${bank.bic}/${person.id}`, () => {
      const [built] = generatePsus(bank, {
        startedAt: this.startedAt,
        profiles: [generatedProfile(person, bank.bic)],
      });
      if (!built) throw new Error(`no customer generated for ${person.id}`);
      return built;
    });
    return { psu };
  }
}
