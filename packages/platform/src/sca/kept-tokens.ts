import type { BankTokens } from '../connectors/index.js';
import type { BankExchange } from '../store/authorisations.js';

/**
 * Bank tokens as a redirect SCA keeps them, sealed with its authorisation, until the TPP
 * redeems its code: times in milliseconds since the epoch.
 */
type KeptTokens = NonNullable<BankExchange['tokens']>;

export function storedTokens(tokens: BankTokens): KeptTokens {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt.getTime(),
    refreshExpiresAt: tokens.refreshExpiresAt ? tokens.refreshExpiresAt.getTime() : null,
  };
}

export function tokensOf(kept: KeptTokens): BankTokens {
  return {
    accessToken: kept.accessToken,
    refreshToken: kept.refreshToken,
    expiresAt: new Date(kept.expiresAt),
    ...(kept.refreshExpiresAt === null
      ? {}
      : { refreshExpiresAt: new Date(kept.refreshExpiresAt) }),
  };
}
