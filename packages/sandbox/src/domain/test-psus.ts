// The test PSUs every sandbox bank knows. The same ids work at every bank (their accounts
// differ per bank), so a tester learns one list. Swedish ids are personnummer (12 digits),
// the Finnish one a henkilötunnus, the Danish one a CPR number; 198301014882 is the
// well-known sandbox example and kept as written although its Luhn digit does not check.

import type { AccountKind, PsuKind, PsuScenario } from './model.js';

export interface PsuProfile {
  psuId: string;
  name: string;
  kind: PsuKind;
  accounts: AccountKind[];
  description: string;
  scenario?: PsuScenario;
}

export const TEST_PSUS: readonly PsuProfile[] = [
  {
    psuId: '198301014882',
    name: 'Anna Andersson',
    kind: 'private',
    accounts: ['current', 'savings', 'card'],
    description: 'Everyday customer: current, savings and card account, two years of history.',
  },
  {
    psuId: '199005152385',
    name: 'Erik Johansson',
    kind: 'private',
    accounts: ['current', 'savings'],
    description: 'Private customer with a current and a savings account.',
  },
  {
    psuId: '197512249876',
    name: 'Maria Nilsson',
    kind: 'private',
    accounts: ['current'],
    description: 'Private customer with one current account.',
  },
  {
    psuId: '131052-308T',
    name: 'Aino Virtanen',
    kind: 'private',
    accounts: ['current', 'savings'],
    description: 'Finnish personal identity code (henkilötunnus).',
  },
  {
    psuId: '0707614285',
    name: 'Mads Jensen',
    kind: 'private',
    accounts: ['current', 'card'],
    description: 'Danish CPR number.',
  },
  {
    psuId: '5566771234',
    name: 'Nordisk Verktyg AB',
    kind: 'corporate',
    accounts: ['current', 'current', 'savings', 'card'],
    description:
      'Corporate customer (corporate id): operating, currency, savings and card accounts.',
  },
  {
    psuId: '196505057775',
    name: 'Lars Svensson',
    kind: 'private',
    accounts: ['current'],
    scenario: 'heavy',
    description: 'High-volume account: 140 booked transactions a day, over 100,000 in two years.',
  },
  {
    psuId: '199205050009',
    name: 'Petra Lund',
    kind: 'private',
    accounts: ['current'],
    scenario: 'pendingSettles',
    description:
      'Four pending card purchases that become booked 2, 10, 30 and 60 minutes after the sandbox started.',
  },
  {
    psuId: '198802020001',
    name: 'Oskar Berg',
    kind: 'private',
    accounts: ['current'],
    scenario: 'scaFails',
    description:
      'SCA always fails (scaStatus failed); the consent stays received and may be retried.',
  },
  {
    psuId: '198903030008',
    name: 'Tove Ek',
    kind: 'private',
    accounts: ['current'],
    scenario: 'scaTimeout',
    description:
      'SCA never completes: BankID stays started until the order times out after 180 seconds (failed).',
  },
  {
    psuId: '199104040002',
    name: 'Rune Holm',
    kind: 'private',
    accounts: ['current'],
    scenario: 'consentRejected',
    description:
      'Authenticates, but the bank rejects the consent: scaStatus failed, consent rejected.',
  },
  {
    psuId: '198607070045',
    name: 'Ebba Lind',
    kind: 'private',
    accounts: ['current', 'savings'],
    scenario: 'paymentRejected',
    description:
      'Payments: SCA completes, then the bank rejects the payment (RJCT, creditor account blocked).',
  },
  {
    psuId: '198708080067',
    name: 'Hugo Sjöberg',
    kind: 'private',
    accounts: ['current', 'savings'],
    scenario: 'longPending',
    description: 'Payments: stay PDNG for 10 minutes after SCA, then execute.',
  },
  {
    psuId: '198809090023',
    name: 'Ida Fors',
    kind: 'private',
    accounts: ['current', 'savings'],
    scenario: 'dailyLimit',
    description:
      'Payments: more than 50,000 a day in total is refused at initiation (400 PAYMENT_FAILED).',
  },
  {
    psuId: '198910100091',
    name: 'Nils Ahl',
    kind: 'private',
    accounts: ['current'],
    scenario: 'blockedAccount',
    description: 'Payments: the account is blocked, every initiation is 400 PAYMENT_FAILED.',
  },
  {
    psuId: '5566771118',
    name: 'Bergslagens Bygg AB',
    kind: 'corporate',
    accounts: ['current', 'savings'],
    scenario: 'twoSigners',
    description:
      'Corporate payments need two signatures: PATC after the first SCA, executed after the second.',
  },
  {
    psuId: '198411110037',
    name: 'Lisa Berg',
    kind: 'private',
    accounts: ['current', 'savings'],
    scenario: 'lowBalance',
    description:
      'Payments: 250.00 available on the current account, so larger payments are rejected after SCA (FUNDS_NOT_AVAILABLE).',
  },
  {
    psuId: '199202020039',
    name: 'Olle Nyberg',
    kind: 'private',
    accounts: ['current', 'savings'],
    scenario: 'newCreditor',
    description:
      'Payments: the first payment to a payee asks to approve the payee (scaStatus authoriseCreditorAccountStarted).',
  },
];
