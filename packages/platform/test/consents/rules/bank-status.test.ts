import { describe, expect, it } from 'vitest';
import {
  consentEventFromBank,
  consentStatusFromBank,
  mapBankScaStatus,
} from '../../../src/consents/rules/bank-status.js';
import { transitionConsent } from '../../../src/consents/rules/consent-state.js';
import { transitionSca } from '../../../src/sca/rules/sca-state.js';
import { SCA_STATUSES, scaStatusFromBank } from '../../../src/sca/rules/sca-status.js';

describe("a bank's SCA status", () => {
  it.each([...SCA_STATUSES])('%s reads as itself', (status) => {
    expect(scaStatusFromBank(status)).toBe(status);
  });

  it('reads case and spelling variants', () => {
    expect(scaStatusFromBank('FINALISED')).toBe('finalised');
    expect(scaStatusFromBank(' finalized ')).toBe('finalised');
    expect(scaStatusFromBank('Finalized')).toBe('finalised');
    expect(scaStatusFromBank('AUTHORISECREDITORACCOUNTSTARTED')).toBe(
      'authoriseCreditorAccountStarted',
    );
    expect(scaStatusFromBank('SCAMETHODSELECTED')).toBe('scaMethodSelected');
  });

  it.each(['pending', 'complete', '', 'final', 42, null, undefined, {}])(
    '%j is not known',
    (raw) => {
      expect(scaStatusFromBank(raw)).toBeUndefined();
      expect(mapBankScaStatus(raw)).toBeUndefined();
    },
  );

  it.each([
    ['received', undefined, undefined],
    ['psuIdentified', 'psuIdentified', undefined],
    ['psuAuthenticated', 'psuAuthenticated', undefined],
    ['scaMethodSelected', 'scaMethodSelected', undefined],
    ['started', 'scaStarted', undefined],
    ['authenticationStarted', 'authenticationStarted', undefined],
    ['finalised', 'scaFinalised', 'scaFinalised'],
    ['exempted', 'scaExempted', 'scaFinalised'],
    ['failed', 'scaFailed', 'scaFailed'],
  ])('%s means SCA event %s and consent event %s', (raw, scaEvent, consentEvent) => {
    expect(mapBankScaStatus(raw)).toEqual({ scaStatus: raw, scaEvent, consentEvent });
  });

  it('moves a Bankbridge authorisation to the status the bank reports', () => {
    for (const status of SCA_STATUSES) {
      const report = mapBankScaStatus(status);
      if (!report?.scaEvent) continue;
      expect(transitionSca('received', report.scaEvent)).toMatchObject({ ok: true, status });
    }
  });

  it('makes a received consent valid on finalised, and leaves it received on failed', () => {
    expect(
      transitionConsent('received', mapBankScaStatus('finalised')?.consentEvent ?? 'scaStarted'),
    ).toMatchObject({
      status: 'valid',
    });
    expect(
      transitionConsent('received', mapBankScaStatus('failed')?.consentEvent ?? 'scaStarted'),
    ).toMatchObject({
      status: 'received',
    });
  });
});

describe("a bank's consent status", () => {
  it.each([
    ['received', undefined, 'received'],
    ['valid', 'scaFinalised', 'valid'],
    ['rejected', 'rejectedAtBank', 'rejected'],
    ['revokedByPsu', 'revokedAtBank', 'revokedByPsu'],
    ['expired', 'expiredAtBank', 'expired'],
    ['terminatedByTpp', 'terminatedByTpp', 'terminatedByTpp'],
  ] as const)('%s means consent event %s, leading a received consent to %s', (raw, event, next) => {
    expect(consentStatusFromBank(raw)).toBe(raw);
    expect(consentEventFromBank(raw)).toBe(event);
    if (event)
      expect(transitionConsent('received', event)).toMatchObject({ ok: true, status: next });
  });

  it('reads case variants and refuses unknown values', () => {
    expect(consentEventFromBank('REVOKEDBYPSU')).toBe('revokedAtBank');
    expect(consentEventFromBank('revoked')).toBeUndefined();
    expect(consentStatusFromBank(7)).toBeUndefined();
  });
});
