// What a sandbox bank keeps of the codes and tokens it issued, as it runs for a long time.
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_SECONDS,
  CODE_SECONDS,
  EXPIRED_KEPT_SECONDS,
  ISSUES_PER_SWEEP,
  TokenStore,
} from '../src/domain/tokens.js';

const GRANT = { clientId: 'bankbridge', consentId: 'consent-1', psuId: 'anna' };
const T0 = new Date('2026-11-21T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function store() {
  let n = 0;
  return new TokenStore(() => `secret-${++n}`);
}

describe('TokenStore.sweep', () => {
  it('forgets rotated refresh tokens and their access tokens once revoked, and keeps the live pair', () => {
    const tokens = store();
    const first = tokens.issueAfterSca(GRANT, T0);
    const second = tokens.refresh(first.refresh_token, GRANT.clientId, at(60));
    tokens.revokeConsent('another-consent');
    tokens.sweep(at(61));
    // The first pair: the refresh token was rotated away; its access token still works.
    expect(tokens.size).toEqual({ codes: 0, tokens: 3 });
    expect(() => tokens.refresh(first.refresh_token, GRANT.clientId, at(62))).toThrow(
      'Unknown or revoked refresh token',
    );
    expect(tokens.checkAccessToken(second.access_token, at(62))).toMatchObject(GRANT);
    tokens.revokeConsent(GRANT.consentId);
    tokens.sweep(at(63));
    expect(tokens.size).toEqual({ codes: 0, tokens: 0 });
    expect(() => tokens.checkAccessToken(second.access_token, at(64))).toThrow(
      'The access token is unknown or revoked',
    );
  });

  it('tells an expired access token from an unknown one for a day, then forgets it', () => {
    const tokens = store();
    const pair = tokens.issueAfterSca(GRANT, T0);
    const expired = at(ACCESS_TOKEN_SECONDS + EXPIRED_KEPT_SECONDS - 1);
    tokens.sweep(expired);
    expect(() => tokens.checkAccessToken(pair.access_token, expired)).toThrow(
      'The access token expired',
    );
    const later = at(ACCESS_TOKEN_SECONDS + EXPIRED_KEPT_SECONDS + 1);
    tokens.sweep(later);
    expect(() => tokens.checkAccessToken(pair.access_token, later)).toThrow(
      'The access token is unknown or revoked',
    );
    // The refresh token lasts 90 days: still there, and still works.
    expect(tokens.size).toEqual({ codes: 0, tokens: 1 });
    expect(tokens.refresh(pair.refresh_token, GRANT.clientId, later).token_type).toBe('Bearer');
  });

  it('keeps a used code a day past its expiry, so its replay still revokes what it gave', () => {
    const tokens = store();
    const code = tokens.issueCode({ ...GRANT, redirectUri: 'https://cb.example' }, T0);
    const pair = tokens.redeemCode(code, GRANT.clientId, 'https://cb.example', undefined, at(1));
    tokens.sweep(at(CODE_SECONDS + EXPIRED_KEPT_SECONDS - 1));
    expect(tokens.size.codes).toBe(1);
    expect(() =>
      tokens.redeemCode(code, GRANT.clientId, 'https://cb.example', undefined, at(2)),
    ).toThrow('already used');
    expect(() => tokens.checkAccessToken(pair.access_token, at(3))).toThrow('unknown or revoked');
    tokens.sweep(at(CODE_SECONDS + EXPIRED_KEPT_SECONDS + 1));
    expect(tokens.size.codes).toBe(0);
  });

  it('sweeps by itself as it issues: the store holds what is live, not everything it issued', () => {
    const tokens = store();
    let pair = tokens.issueAfterSca(GRANT, T0);
    // A client refreshing every hour for 83 days, as Bankbridge does for a kept consent.
    const refreshes = 2 * ISSUES_PER_SWEEP;
    for (let i = 1; i <= refreshes; i++) {
      pair = tokens.refresh(pair.refresh_token, GRANT.clientId, at(i * 3600));
    }
    // Kept: access tokens less than a day past their expiry, the live refresh token, and what
    // was issued since the last sweep. Without sweeping it would hold all 4,002.
    const recentAccess = (ACCESS_TOKEN_SECONDS + EXPIRED_KEPT_SECONDS) / 3600 + 1;
    expect(tokens.size.tokens).toBeLessThanOrEqual(2 * ISSUES_PER_SWEEP + recentAccess + 1);
    expect(tokens.checkAccessToken(pair.access_token, at(refreshes * 3600)).psuId).toBe('anna');
  });
});
