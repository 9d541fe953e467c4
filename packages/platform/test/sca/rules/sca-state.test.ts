import { describe, expect, it } from 'vitest';
import {
  isTerminalScaStatus,
  SCA_EVENTS,
  transitionSca,
} from '../../../src/sca/rules/sca-state.js';
import { SCA_STATUSES, type ScaStatus } from '../../../src/sca/rules/sca-status.js';

const TERMINAL: ScaStatus[] = ['finalised', 'failed', 'exempted'];
const ORDER: ScaStatus[] = [
  'received',
  'psuIdentified',
  'psuAuthenticated',
  'scaMethodSelected',
  'started',
  'authenticationStarted',
  'authoriseCreditorAccountStarted',
];

describe('SCA state machine', () => {
  it('knows exactly the three terminal statuses', () => {
    expect(SCA_STATUSES.filter(isTerminalScaStatus)).toEqual(TERMINAL);
  });

  describe.each(TERMINAL)('terminal status %s', (status) => {
    it.each([...SCA_EVENTS])('refuses %s with 409 STATUS_INVALID', (event) => {
      expect(transitionSca(status, event)).toMatchObject({
        ok: false,
        from: status,
        event,
        error: { kind: 'illegalTransition', code: 'STATUS_INVALID', status: 409 },
      });
    });
  });

  it.each(ORDER)('from %s, finalised / failed / exempted / timeout end it', (status) => {
    expect(transitionSca(status, 'scaFinalised')).toEqual({
      ok: true,
      status: 'finalised',
      changed: true,
    });
    expect(transitionSca(status, 'scaFailed')).toEqual({
      ok: true,
      status: 'failed',
      changed: true,
    });
    expect(transitionSca(status, 'scaExempted')).toEqual({
      ok: true,
      status: 'exempted',
      changed: true,
    });
    expect(transitionSca(status, 'authorisationTimedOut')).toEqual({
      ok: true,
      status: 'failed',
      changed: true,
    });
  });

  it('moves forward over skipped steps, as decoupled banks report them', () => {
    expect(transitionSca('received', 'scaStarted')).toEqual({
      ok: true,
      status: 'started',
      changed: true,
    });
    expect(transitionSca('received', 'authenticationStarted')).toMatchObject({
      status: 'authenticationStarted',
      changed: true,
    });
    expect(transitionSca('received', 'scaMethodSelected')).toMatchObject({
      status: 'scaMethodSelected',
      changed: true,
    });
    expect(transitionSca('scaMethodSelected', 'scaStarted')).toMatchObject({
      status: 'started',
      changed: true,
    });
    expect(transitionSca('received', 'psuIdentified')).toMatchObject({ status: 'psuIdentified' });
    expect(transitionSca('psuIdentified', 'psuAuthenticated')).toMatchObject({
      status: 'psuAuthenticated',
    });
  });

  it('shows a new payee being approved until the PSU has signed, in either order banks report it', () => {
    expect(transitionSca('started', 'creditorApprovalStarted')).toEqual({
      ok: true,
      status: 'authoriseCreditorAccountStarted',
      changed: true,
    });
    expect(transitionSca('authenticationStarted', 'creditorApprovalStarted')).toMatchObject({
      status: 'authoriseCreditorAccountStarted',
      changed: true,
    });
    expect(transitionSca('authoriseCreditorAccountStarted', 'scaStarted')).toMatchObject({
      status: 'authoriseCreditorAccountStarted',
      changed: false,
    });
  });

  it('takes a stale report of an earlier step as no change', () => {
    expect(transitionSca('authenticationStarted', 'scaStarted')).toEqual({
      ok: true,
      status: 'authenticationStarted',
      changed: false,
    });
    expect(transitionSca('started', 'scaMethodSelected')).toEqual({
      ok: true,
      status: 'started',
      changed: false,
    });
    expect(transitionSca('started', 'scaStarted')).toEqual({
      ok: true,
      status: 'started',
      changed: false,
    });
  });

  it('never moves a non-terminal status backwards, for every pair', () => {
    for (const [i, from] of ORDER.entries()) {
      for (const event of SCA_EVENTS) {
        const result = transitionSca(from, event);
        expect(result.ok).toBe(true);
        if (result.ok && !isTerminalScaStatus(result.status)) {
          expect(ORDER.indexOf(result.status)).toBeGreaterThanOrEqual(i);
        }
      }
    }
  });

  it("follows a bank's own order of steps between two of them, and the usual one otherwise", () => {
    const seb: ScaStatus[] = ['authenticationStarted', 'psuAuthenticated', 'started'];
    expect(transitionSca('authenticationStarted', 'psuAuthenticated', seb)).toEqual({
      ok: true,
      status: 'psuAuthenticated',
      changed: true,
    });
    expect(transitionSca('psuAuthenticated', 'scaStarted', seb)).toMatchObject({
      status: 'started',
      changed: true,
    });
    // A stale poll in the bank's order changes nothing.
    expect(transitionSca('started', 'authenticationStarted', seb)).toMatchObject({
      status: 'started',
      changed: false,
    });
    expect(transitionSca('started', 'scaFinalised', seb)).toMatchObject({ status: 'finalised' });
    expect(transitionSca('finalised', 'psuAuthenticated', seb).ok).toBe(false);
  });
});
