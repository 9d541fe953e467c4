import type {
  BankCallContext,
  BankJsonObject,
  BankTokens,
  CodeExchange,
  DecoupledRef,
} from './bank-connector.js';
import { BankError } from './bank-error.js';
import { nonEmptyString, oauthError } from './berlin-group-answers.js';
import type { BerlinGroupCaller, CallSpec } from './berlin-group-call.js';
import { scaAddress } from './berlin-group-sca.js';

export class BerlinGroupTokens {
  constructor(
    private readonly call: BerlinGroupCaller,
    private readonly now: () => Date,
  ) {}

  async exchangeCode(ctx: BankCallContext, exchange: CodeExchange): Promise<BankTokens> {
    const operation = 'exchanging an authorization code';
    const body = await this.call.json(ctx, {
      kind: 'token',
      method: 'POST',
      path: this.call.hooks.paths.token,
      operation,
      form: {
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
      },
    });
    if (exchange.resource !== undefined && typeof body.scope === 'string') {
      const expected = scaAddress(this.call, exchange.resource).scope(exchange.resource.bankId);
      if (!body.scope.split(' ').includes(expected)) {
        throw new BankError(
          'rejected',
          this.call.identity,
          `the authorization code was issued for another ${exchange.resource.kind}`,
          { code: 'invalid_grant' },
        );
      }
    }
    return this.tokens(body, operation);
  }

  async exchangeDecoupled(
    ctx: BankCallContext,
    ref: DecoupledRef,
  ): Promise<BankTokens | 'pending'> {
    const operation = 'getting tokens for a decoupled authorisation';
    const spec: CallSpec = {
      kind: 'token',
      method: 'POST',
      path: this.call.hooks.paths.token,
      operation,
      form: {
        grant_type: this.call.hooks.decoupledGrantType,
        authorisation_id: ref.authorisationId,
        [scaAddress(this.call, ref.resource).grantField]: ref.resource.bankId,
      },
    };
    const response = await this.call.send(ctx, spec);
    const error = response.status >= 400 && response.status < 500 && oauthError(response.json);
    if (error && (error.error === 'authorization_pending' || error.error === 'slow_down'))
      return 'pending';
    if (error && error.error === 'expired_token') {
      throw new BankError(
        'access_denied',
        this.call.identity,
        `the SCA timed out${error.description ? `: ${error.description}` : ''}`,
        {
          status: response.status,
          code: error.error,
          ...(error.description ? { text: error.description } : {}),
        },
      );
    }
    return this.tokens(this.call.expectObject(response, spec, [200]), operation);
  }

  async refresh(ctx: BankCallContext, refreshToken: string): Promise<BankTokens> {
    const operation = 'refreshing tokens';
    try {
      const body = await this.call.json(ctx, {
        kind: 'token',
        method: 'POST',
        path: this.call.hooks.paths.token,
        operation,
        form: { grant_type: 'refresh_token', refresh_token: refreshToken },
      });
      return this.tokens(body, operation, refreshToken);
    } catch (error) {
      // A refused refresh means the PSU has to authorise again: the consent no longer works.
      if (error instanceof BankError && error.kind === 'rejected' && error.code === 'invalid_grant')
        throw new BankError(
          'unauthorized',
          this.call.identity,
          `${operation} was refused: ${error.text ?? 'invalid_grant'}`,
          {
            ...(error.status !== undefined ? { status: error.status } : {}),
            code: error.code,
            ...(error.text !== undefined ? { text: error.text } : {}),
            cause: error,
          },
        );
      throw error;
    }
  }

  private tokens(body: BankJsonObject, operation: string, previousRefresh?: string): BankTokens {
    if (!nonEmptyString(body.access_token)) throw this.call.malformed(operation, 'no access_token');
    const refreshToken = nonEmptyString(body.refresh_token) ? body.refresh_token : previousRefresh;
    if (!refreshToken) throw this.call.malformed(operation, 'no refresh_token');
    const now = this.now().getTime();
    const lifetime =
      typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : this.call.hooks.defaultAccessTokenSeconds;
    const tokens: BankTokens = {
      accessToken: body.access_token,
      refreshToken,
      expiresAt: new Date(now + lifetime * 1000),
    };
    if (typeof body.refresh_token_expires_in === 'number' && body.refresh_token_expires_in >= 0)
      tokens.refreshExpiresAt = new Date(now + body.refresh_token_expires_in * 1000);
    return tokens;
  }
}
