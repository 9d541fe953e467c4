import type { components } from '@bankbridge/client';
import { describe, expect, it } from 'vitest';
import {
  type ConsentAccess,
  type ConsentStatus,
  consentForm,
  isConsentStatus,
} from '../../../src/consents/rules/types.js';
import { isScaStatus, type ScaStatus } from '../../../src/sca/rules/sca-status.js';

type Schemas = components['schemas'];

describe('consent types', () => {
  it('know the statuses of the contract', () => {
    const consentStatuses: Schemas['consentStatus'][] = [
      'received',
      'rejected',
      'valid',
      'revokedByPsu',
      'expired',
      'terminatedByTpp',
    ];
    expect(consentStatuses.every(isConsentStatus)).toBe(true);
    expect(isConsentStatus('VALID')).toBe(false);
    expect(isConsentStatus(undefined)).toBe(false);
    const scaStatuses: Schemas['scaStatus'][] = [
      'received',
      'psuIdentified',
      'psuAuthenticated',
      'scaMethodSelected',
      'started',
      'finalised',
      'failed',
      'exempted',
      'authenticationStarted',
      'authoriseCreditorAccountStarted',
    ];
    expect(scaStatuses.every(isScaStatus)).toBe(true);
  });

  it('tell the consent form', () => {
    expect(consentForm({})).toBe('bankOffered');
    expect(consentForm({ balances: [], transactions: [] })).toBe('bankOffered');
    expect(consentForm({ accounts: [{ iban: 'SE3550000000054910000003' }] })).toBe('dedicated');
    expect(consentForm({ availableAccounts: 'allAccounts' })).toBe('availableAccounts');
    expect(consentForm({ allPsd2: 'allAccounts' })).toBe('allPsd2');
  });

  it('keep access and consent statuses assignable to the contract schemas', () => {
    const ours: ConsentAccess = {
      accounts: [{ iban: 'SE3550000000054910000003', currency: 'SEK' }, { bban: '12345' }],
      balances: [{ iban: 'SE3550000000054910000003', currency: 'SEK' }],
    };
    // Compile-time checks: what GET returns is the contract's accountAccess and consentStatus.
    const theirs: Schemas['accountAccess'] = ours;
    const status: Schemas['consentStatus'] = 'valid' as ConsentStatus;
    const sca: Schemas['scaStatus'] = 'finalised' as ScaStatus;
    expect([theirs.accounts?.length, status, sca]).toEqual([2, 'valid', 'finalised']);
  });
});
