import {
  type AuthorizationCallback,
  type AuthorizationRequest,
  BANK_SCA_STATUSES,
  type BankCallContext,
  type BankJsonObject,
  type BankScaResource,
  type BankScaStatus,
  type DecoupledAuthorisation,
  type DecoupledRef,
  type DecoupledStart,
  type DecoupledStatus,
  type PsuHeaders,
} from './bank-connector.js';
import { BankError } from './bank-error.js';
import type { BankScaAddress } from './bank-hooks.js';
import { isObject, nonEmptyString } from './berlin-group-answers.js';
import type { BerlinGroupCaller } from './berlin-group-call.js';

/** How this bank addresses the SCA of the resource's kind. */
export function scaAddress(call: BerlinGroupCaller, resource: BankScaResource): BankScaAddress {
  const address = call.hooks.scaResources[resource.kind];
  if (!address) {
    throw new BankError(
      'rejected',
      call.identity,
      `Bankbridge does not know how this bank authorises a ${resource.kind}`,
    );
  }
  return address;
}

/** The autostart token: its own field, or the `autostarttoken` of the BankID link. */
function autoStartToken(body: BankJsonObject): string | undefined {
  if (nonEmptyString(body.autoStartToken)) return body.autoStartToken;
  const challenge = isObject(body.challengeData) ? body.challengeData : undefined;
  const first = Array.isArray(challenge?.data) ? challenge.data[0] : undefined;
  if (!nonEmptyString(first)) return undefined;
  const match = /[?&]autostarttoken=([^&]+)/i.exec(first);
  return match?.[1] ? decodeURIComponent(match[1]) : first;
}

export class BerlinGroupSca {
  constructor(private readonly call: BerlinGroupCaller) {}

  async authorizationUrl(ctx: BankCallContext, request: AuthorizationRequest): Promise<string> {
    this.call.checkContext(ctx);
    const url = this.call.url(this.call.hooks.paths.authorize);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.call.credentials.clientId);
    url.searchParams.set('redirect_uri', request.redirectUri);
    url.searchParams.set('state', request.state);
    url.searchParams.set(
      'scope',
      scaAddress(this.call, request.resource).scope(request.resource.bankId),
    );
    if (request.codeChallenge !== undefined) {
      url.searchParams.set('code_challenge', request.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return url.toString();
  }

  readAuthorizationCallback(
    ctx: BankCallContext,
    callback: AuthorizationCallback,
  ): { code: string; state?: string } {
    this.call.checkContext(ctx);
    const identity = this.call.identity;
    const state = callback.state;
    if (callback.error !== undefined) {
      const details = {
        code: callback.error,
        ...(callback.error_description ? { text: callback.error_description } : {}),
      };
      const why = callback.error_description ? `: ${callback.error_description}` : '';
      if (callback.error === 'access_denied')
        throw new BankError('access_denied', identity, `SCA was denied${why}`, details);
      throw new BankError('rejected', identity, `SCA ended with ${callback.error}${why}`, details);
    }
    if (!nonEmptyString(callback.code)) {
      throw new BankError('rejected', identity, 'SCA ended without an authorization code', {
        code: 'invalid_request',
      });
    }
    return state === undefined ? { code: callback.code } : { code: callback.code, state };
  }

  async startDecoupled(
    ctx: BankCallContext,
    start: DecoupledStart,
  ): Promise<DecoupledAuthorisation> {
    const operation = 'starting a decoupled authorisation';
    const psu: PsuHeaders = { ...start.psu };
    let json: unknown = {};
    if (start.psuId !== undefined) {
      if (this.call.hooks.decoupledPsuId === 'header') psu.psuId = start.psuId;
      else json = { psuData: { psuId: start.psuId } };
    } else {
      delete psu.psuId;
    }
    const body = await this.call.json(ctx, {
      kind: this.api(start.resource),
      method: 'POST',
      path: this.authorisationsPath(start.resource),
      operation,
      psu,
      json,
    });
    if (!nonEmptyString(body.authorisationId))
      throw this.call.malformed(operation, 'no authorisationId');
    const token = autoStartToken(body);
    if (!token) throw this.call.malformed(operation, 'no autostart token');
    const started: DecoupledAuthorisation = {
      authorisationId: body.authorisationId,
      scaStatus: this.scaStatus(body.scaStatus, operation),
      autoStartToken: token,
    };
    if (typeof body.psuMessage === 'string') started.psuMessage = body.psuMessage;
    // Both or neither: a token without its key draws no code the app accepts.
    if (nonEmptyString(body.qrStartToken) && nonEmptyString(body.qrStartSecret)) {
      started.qrStartToken = body.qrStartToken;
      started.qrStartSecret = body.qrStartSecret;
    }
    return started;
  }

  async getDecoupledStatus(ctx: BankCallContext, ref: DecoupledRef): Promise<DecoupledStatus> {
    const operation = 'reading a decoupled authorisation';
    const body = await this.call.json(ctx, {
      kind: this.api(ref.resource),
      method: 'GET',
      path: `${this.authorisationsPath(ref.resource)}/${encodeURIComponent(ref.authorisationId)}`,
      operation,
    });
    const status: DecoupledStatus = { scaStatus: this.scaStatus(body.scaStatus, operation) };
    if (typeof body.psuMessage === 'string') status.psuMessage = body.psuMessage;
    return status;
  }

  /** `{resource path}/authorisations`, or the collection the bank's address names. */
  private authorisationsPath(resource: BankScaResource): string {
    const address = scaAddress(this.call, resource);
    const base = address.path(this.call.hooks.paths, resource.bankId, resource.placement);
    return `${base}/${address.authorisations ?? 'authorisations'}`;
  }

  private api(resource: BankScaResource): 'consent' | 'payment' {
    return scaAddress(this.call, resource).api ?? 'consent';
  }

  private scaStatus(value: unknown, operation: string): BankScaStatus {
    if (BANK_SCA_STATUSES.includes(value as BankScaStatus)) return value as BankScaStatus;
    throw this.call.malformed(operation, `scaStatus ${JSON.stringify(value)}`);
  }
}
