/**
 * Client-credentials tokens, one per scope (`aspspinformation private`, `accountinformation
 * private`, ...): fetched on first use, reused until shortly before they expire, fetched once
 * for any number of calls waiting at the same time, and dropped when the API refuses one.
 */
import type { Transport } from './transport.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  /** Lifetime in seconds, as the auth server said (3600 at Bankbridge). */
  expiresIn: number;
  scope: string | undefined;
  refreshToken: string | undefined;
  /** X-Request-ID of the token request. */
  requestId: string;
}

interface Held {
  token: string;
  /** When to stop using it (ms since epoch): its expiry less the renewal margin. */
  renewAt: number;
}

export class TokenManager {
  private readonly held = new Map<string, Held>();
  private readonly pending = new Map<string, Promise<Held>>();

  constructor(
    private readonly transport: Transport,
    private readonly tokenUrl: string,
    private readonly credentials: ClientCredentials,
    private readonly options: { now: () => number; renewBeforeSeconds: number },
  ) {}

  /**
   * A token for `scope` that is not about to expire. Not cancellable: callers waiting for the
   * same token share its request, and one caller giving up must not fail the others.
   */
  async token(scope: string): Promise<string> {
    const held = this.held.get(scope);
    if (held && held.renewAt > this.options.now()) return held.token;
    let pending = this.pending.get(scope);
    if (!pending) {
      pending = this.fetch(scope).finally(() => this.pending.delete(scope));
      this.pending.set(scope, pending);
    }
    return (await pending).token;
  }

  /** Forget `token` (the API refused it), so the next call fetches another. */
  invalidate(scope: string, token: string): void {
    if (this.held.get(scope)?.token === token) this.held.delete(scope);
  }

  /** POST /connect/token with a grant; the same form the integration guide sends. */
  async request(
    fields: Record<string, string>,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<TokenResponse> {
    const { body, info } = await this.transport.send({
      method: 'POST',
      url: this.tokenUrl,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...headers,
      },
      body: new URLSearchParams({
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        ...fields,
      }).toString(),
      errors: 'oauth',
      // A token request has no effect but issuing a token: safe to send again.
      idempotent: fields.grant_type === 'client_credentials',
      signal,
    });
    const answer = (body ?? {}) as Record<string, unknown>;
    return {
      accessToken: String(answer.access_token),
      tokenType: String(answer.token_type ?? 'Bearer'),
      expiresIn: Number(answer.expires_in ?? 0),
      scope: typeof answer.scope === 'string' ? answer.scope : undefined,
      refreshToken: typeof answer.refresh_token === 'string' ? answer.refresh_token : undefined,
      requestId: info.requestId,
    };
  }

  private async fetch(scope: string): Promise<Held> {
    const issuedAt = this.options.now();
    const answer = await this.request({ grant_type: 'client_credentials', scope });
    const lifetime = Math.max(0, answer.expiresIn - this.options.renewBeforeSeconds);
    const held = { token: answer.accessToken, renewAt: issuedAt + lifetime * 1000 };
    this.held.set(scope, held);
    return held;
  }
}
