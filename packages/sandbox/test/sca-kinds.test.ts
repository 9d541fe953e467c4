// One SCA mechanism for every kind of resource: the wire's scope and grant parameter map to
// a resource reference through the registered kinds, and a kind words its own outcomes.
import { describe, expect, it } from 'vitest';
import { scaOutcome } from '../src/domain/sca-outcome.js';
import { consentScaKind } from '../src/sca/consent-sca-kind.js';
import { ScaKinds } from '../src/sca/sca-kinds.js';
import type { ScaResourceKind } from '../src/sca/sca-resource-kind.js';

// A second kind, as payments will register: only what the mapping and the outcome read.
const paymentKind: ScaResourceKind = {
  ...consentScaKind,
  kind: 'payment',
  scopePrefix: 'PIS',
  idName: 'paymentId',
  grantParameter: 'payment_id',
  unknownMessage: 'Unknown payment',
  declinedMessage: 'The PSU declined the payment',
  bankRejection: () => undefined,
};

describe('ScaKinds', () => {
  it('maps AIS:{id} and consent_id to a consent, and nothing else, with consents alone', () => {
    const kinds = new ScaKinds([consentScaKind]);
    expect(kinds.scopes).toEqual(['AIS:{consentId}']);
    expect(kinds.fromScope('AIS:abc:1')).toEqual({ kind: 'consent', id: 'abc:1' });
    expect(kinds.fromScope('AIS:')).toBeUndefined();
    expect(kinds.fromScope('PIS:abc')).toBeUndefined();
    expect(kinds.fromScope(undefined)).toBeUndefined();
    expect(kinds.fromGrant({ consent_id: 'abc' })).toEqual({ kind: 'consent', id: 'abc' });
    expect(kinds.fromGrant({ consent_id: '' })).toBeUndefined();
    expect(() => kinds.of('payment')).toThrow('No SCA resource kind payment');
  });

  it('lets another kind claim its own scope and grant parameter', () => {
    const kinds = new ScaKinds([consentScaKind, paymentKind]);
    expect(kinds.scopes).toEqual(['AIS:{consentId}', 'PIS:{paymentId}']);
    expect(kinds.fromScope('PIS:p-1')).toEqual({ kind: 'payment', id: 'p-1' });
    expect(kinds.fromScope('AIS:c-1')).toEqual({ kind: 'consent', id: 'c-1' });
    expect(kinds.fromGrant({ payment_id: 'p-1' })).toEqual({ kind: 'payment', id: 'p-1' });
    expect(kinds.of('payment').unknownMessage).toBe('Unknown payment');
  });
});

describe('scaOutcome', () => {
  it('words a denial and a bank rejection as the kind says', () => {
    expect(scaOutcome(undefined, 'deny', paymentKind)).toMatchObject({
      scaStatus: 'failed',
      resource: 'rejected',
      message: 'The PSU declined the payment',
      hint: 'userCancel',
    });
    expect(scaOutcome('consentRejected', 'approve', consentScaKind)).toMatchObject({
      resource: 'rejected',
      message: 'The bank rejected the consent',
      hint: 'consentRejected',
    });
    expect(scaOutcome('consentRejected', 'approve', paymentKind).resource).toBe('authorised');
    expect(scaOutcome('scaFails', 'approve', paymentKind)).toMatchObject({
      resource: 'unchanged',
      hint: 'certificateErr',
    });
  });
});
