/**
 * The simple AISP API, `/aisp/v1` on the API host: accounts, one account, its balances and its
 * transactions, with a bearer token from `/oauth/token` and nothing else. The token carries
 * the consent; the AccountInformationService applies every rule of it, as on /psd2 (the same
 * consents, frequencyPerDay counters, account ids, bank connectors and per-client limits).
 *
 * A request enters here, passes the token check (`bearerToken`), the client's rate limit, and
 * is answered from the service; `responses.ts` shapes the answer, `AispError` every refusal.
 *
 * Decision (PSU presence): a call is unattended, and counts against the consent's daily reads
 * at the bank (frequencyPerDay), unless the app sends `PSU-IP-Address` with its user's IP
 * address (IPv4 or IPv6; anything else is invalid_request) because the user is using the app
 * right now, as on /psd2. `PSU-User-Agent` may go with it; both are passed on to the bank.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  AccountInformationService,
  AisRequest,
} from '../accounts/account-information-service.js';
import { type AccessTokenVerifier, bearerTokenOf } from '../auth/access-tokens.js';
import { addDays, isIsoDate } from '../consents/rules/index.js';
import { Problem } from '../problems.js';
import { acceptsJson } from '../psd2/plugin.js';
import { malformedPsuHeader, PSU_IP_ADDRESS } from '../psd2/psu-headers.js';
import { callContext, headerValue } from '../psd2/request.js';
import { AispError, aispErrorOf, bearerChallenge } from './aisp-error.js';
import { aispOpenApiDocument } from './openapi.js';
import {
  AISP_BASE_PATH,
  accountBody,
  balancesBody,
  type LinkBase,
  transactionsBody,
} from './responses.js';
import { type AispScope, consentOfSubject, isAispScope } from './scopes.js';

/** Who calls, under which consent, with which scopes: from the verified token. */
export interface AispCaller {
  clientId: string;
  consentId: string;
  scopes: Set<AispScope>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified AISP token of the call, set by the token check. */
    aisp?: AispCaller;
  }
}

export interface AispApiDependencies {
  service: AccountInformationService;
  /** Verifies AISP access tokens (`/oauth/token`'s, never `/connect`'s). */
  tokens: AccessTokenVerifier;
  /** The consent's status, to tell a consent that ended from an account it does not grant. */
  consentStatus: (clientId: string, consentId: string) => Promise<string | undefined>;
  apiUrl: string;
  authUrl: string;
  now: () => Date;
  /**
   * Registers the per-client rate limit in the data routes' scope, after the token check:
   * `refusal` makes its 429 for this API. Absent: no limit.
   */
  rateLimit?: (scope: FastifyInstance, refusal: (text: string) => Error) => void;
}

/** Days of transactions when the app names no start date. */
export const DEFAULT_TRANSACTION_DAYS = 90;

const ROUTES: { pattern: RegExp; methods: string }[] = [
  { pattern: /^\/aisp\/v1\/openapi\.json$/, methods: 'GET, HEAD' },
  { pattern: /^\/aisp\/v1\/accounts$/, methods: 'GET, HEAD' },
  { pattern: /^\/aisp\/v1\/accounts\/[^/]+$/, methods: 'GET, HEAD' },
  { pattern: /^\/aisp\/v1\/accounts\/[^/]+\/(balances|transactions)$/, methods: 'GET, HEAD' },
];

export async function aispApiRoutes(app: FastifyInstance, deps: AispApiDependencies) {
  const { service } = deps;
  const apiUrl = deps.apiUrl.replace(/\/+$/, '');

  const send = (request: FastifyRequest, reply: FastifyReply, error: AispError) =>
    reply
      .code(error.status)
      .headers({ 'Cache-Control': 'no-store', ...error.headers })
      .send(error.body(deps.now(), request.id));

  const noRoute = (request: FastifyRequest): AispError => {
    const path = request.url.split('?')[0] ?? '';
    const known = ROUTES.find((route) => route.pattern.test(path));
    return known
      ? new AispError('method_not_allowed', `${request.method} is not supported here`, {
          Allow: known.methods,
        })
      : new AispError('not_found', `there is no endpoint ${request.method} ${path}`);
  };

  app.addHook('onRequest', async (request) => {
    if (!acceptsJson(request.headers.accept)) {
      throw new AispError(
        'not_acceptable',
        `this API answers application/json, which the Accept header "${request.headers.accept}" does not allow`,
      );
    }
  });
  app.setNotFoundHandler(async (request, reply) => send(request, reply, noRoute(request)));
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (request.is404 && !(error instanceof AispError))
      return send(request, reply, noRoute(request));
    const answer = await toAispError(error, request, deps);
    if (answer.status >= 500 && !(error instanceof AispError) && !(error instanceof Problem)) {
      request.log.error({ err: error }, 'unexpected error');
    }
    return send(request, reply, answer);
  });

  // The document is public, like the NextGenPSD2 contract: an app reads it before it has a token.
  let document: string | undefined;
  app.get('/openapi.json', async (_request, reply) => {
    document ??= JSON.stringify(aispOpenApiDocument({ apiUrl, authUrl: deps.authUrl }));
    return reply
      .type('application/json; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .send(document);
  });

  await app.register(async (data) => {
    // One user's accounts, balances and transactions: no cache on the way (an app's proxy, a
    // browser behind a web app) may keep a copy, as on /psd2. Errors already say so.
    data.addHook('onRequest', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
    });
    data.addHook('preHandler', bearerToken(deps.tokens, deps.authUrl));
    data.addHook('preHandler', requireUserAddress);
    deps.rateLimit?.(data, (text) => new AispError('rate_limit_exceeded', text));

    data.get<{ Querystring: Record<string, unknown> }>('/accounts', async (request) => {
      const caller = callerOf(request);
      const accounts = await service.listAccounts(
        callContext(request),
        aisRequest(request, caller),
        { withBalance: false },
      );
      const base = { apiUrl, scopes: caller.scopes };
      return { accounts: accounts.map((account) => accountBody(account, base)) };
    });

    data.get<{ Params: { accountId: string } }>('/accounts/:accountId', async (request) => {
      const caller = callerOf(request);
      const account = await service.account(
        callContext(request),
        aisRequest(request, caller),
        request.params.accountId,
        { withBalance: false },
      );
      return accountBody(account, { apiUrl, scopes: caller.scopes });
    });

    data.get<{ Params: { accountId: string } }>(
      '/accounts/:accountId/balances',
      async (request) => {
        const caller = callerOf(request, 'balances');
        const { id, body } = await service.balances(
          callContext(request),
          aisRequest(request, caller),
          request.params.accountId,
        );
        return balancesBody(id.resourceId, body);
      },
    );

    data.get<{ Params: { accountId: string }; Querystring: Record<string, unknown> }>(
      '/accounts/:accountId/transactions',
      async (request) => {
        const caller = callerOf(request, 'transactions');
        const query = transactionQuery(request.query, deps.now());
        const report = await service
          .transactions(
            callContext(request),
            aisRequest(request, caller),
            request.params.accountId,
            query,
          )
          .catch((error: unknown) => {
            // The service names its own cursor parameter (`page`); here it is `cursor`.
            if (
              query.page !== undefined &&
              error instanceof Problem &&
              error.text.startsWith('page:')
            ) {
              throw AispError.invalidRequest(
                'cursor is not a cursor of this account under this token; send next_cursor as it came',
              );
            }
            throw error;
          });
        return transactionsBody(report, { apiUrl, scopes: caller.scopes } satisfies LinkBase);
      },
    );
  });
}

// ---- the user's address --------------------------------------------------------------------

/** As /psd2's PSU-IP-Address, in this API's words. */
const USER_ADDRESS = [
  { ...PSU_IP_ADDRESS, expected: "your user's IP address, IPv4 or IPv6, e.g. 192.0.2.10" },
];

/**
 * A preHandler: PSU-IP-Address marks a read as made with the user present, which the daily
 * budget does not count, and goes on to the bank. Any text would do both: only an IP address
 * may, checked before the service is asked.
 */
async function requireUserAddress(request: FastifyRequest): Promise<void> {
  const problem = malformedPsuHeader(request.headers, USER_ADDRESS);
  if (problem) throw AispError.invalidRequest(problem);
}

// ---- the token ---------------------------------------------------------------------------

/** A preHandler admitting only a valid AISP access token (RFC 6750). */
function bearerToken(verifier: AccessTokenVerifier, authUrl: string) {
  // Whatever made it invalid, the app's next step is the same: a refresh, or failing that the
  // user's consent again; the text says so and where.
  const notValid = `the access token is not valid (unknown, revoked, or not a token of this API): get a new one with the refresh token at ${authUrl}/oauth/token, or connect the account again`;
  return async function checkAispToken(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header) {
      // RFC 6750 3.1: a request without any credentials gets the bare challenge.
      throw new AispError(
        'invalid_token',
        'an access token is required: send Authorization: Bearer <access_token> from /oauth/token',
        { 'WWW-Authenticate': bearerChallenge() },
      );
    }
    const value = bearerTokenOf(header);
    if (!value) {
      throw new AispError(
        'invalid_request',
        'the Authorization header must be "Bearer <access_token>"',
        {
          'WWW-Authenticate': bearerChallenge({
            error: 'invalid_request',
            error_description: 'the Authorization header must be Bearer <access_token>',
          }),
        },
      );
    }
    const result = await verifier.check(value);
    if (!result.ok) {
      throw AispError.invalidToken(
        result.reason === 'expired'
          ? 'the access token has expired; get a new one with your refresh token at /oauth/token'
          : notValid,
      );
    }
    const consentId = consentOfSubject(result.token.subject);
    if (!consentId) throw AispError.invalidToken('the access token is not a token of this API');
    // The verified token, as on /psd2: the portal's request log and the rate limit read it.
    request.token = result.token;
    request.aisp = {
      clientId: result.token.clientId,
      consentId,
      scopes: new Set([...result.token.scopes].filter(isAispScope)),
    };
  };
}

/**
 * The caller, with `scope` in its token when the route needs one. The account list and an
 * account's details come with any AISP scope: balances and transactions belong to an account.
 */
function callerOf(request: FastifyRequest, scope?: AispScope): AispCaller {
  const caller = request.aisp;
  if (!caller) throw new Error('AISP routes run after the token check');
  if (scope && !caller.scopes.has(scope)) {
    throw AispError.insufficientScope(
      scope,
      `the access token's scope does not include ${scope}; ask the user again with scope "${[...caller.scopes, scope].join(' ')}"`,
    );
  }
  return caller;
}

function aisRequest(request: FastifyRequest, caller: AispCaller): AisRequest {
  return {
    clientId: caller.clientId,
    context: 'private',
    consentId: caller.consentId,
    bic: undefined,
    psuIpAddress: headerValue(request, 'psu-ip-address'),
    psuUserAgent: headerValue(request, 'psu-user-agent'),
  };
}

// ---- the transaction query ---------------------------------------------------------------

const STATUSES = ['booked', 'pending', 'both'];

/**
 * `date_from`, `date_to`, `status` and `cursor`, checked here so that refusals name this API's
 * parameters, then put as the Account information service reads them. A cursor carries the
 * query of its first page, so it comes alone.
 */
export function transactionQuery(raw: Record<string, unknown>, now: Date): Record<string, string> {
  const value = (name: string): string | undefined => {
    const given = raw[name];
    if (Array.isArray(given)) throw AispError.invalidRequest(`${name} may be given once`);
    return typeof given === 'string' ? given : undefined;
  };
  const cursor = value('cursor');
  const dateFrom = value('date_from');
  const dateTo = value('date_to');
  const status = value('status');
  if (cursor !== undefined) {
    if (dateFrom !== undefined || dateTo !== undefined || status !== undefined) {
      throw AispError.invalidRequest(
        'cursor carries the query of its first page: send it alone, as links.next has it',
      );
    }
    if (cursor === '') throw AispError.invalidRequest('cursor must not be empty');
    return { page: cursor };
  }
  for (const [name, date] of [
    ['date_from', dateFrom],
    ['date_to', dateTo],
  ] as const) {
    if (date !== undefined && !isIsoDate(date)) {
      throw AispError.invalidRequest(`${name} must be a date written YYYY-MM-DD, not "${date}"`);
    }
  }
  if (dateFrom && dateTo && dateFrom > dateTo) {
    throw AispError.invalidRequest(`date_from (${dateFrom}) is after date_to (${dateTo})`);
  }
  if (status !== undefined && !STATUSES.includes(status)) {
    throw AispError.invalidRequest(`status must be booked, pending or both, not "${status}"`);
  }
  const end = dateTo ?? now.toISOString().slice(0, 10);
  // The default window stops at the first day a date can be written: before year 1 there is
  // no YYYY-MM-DD, and the refusal would name a dateFrom the app never sent.
  const start = addDays(end, -DEFAULT_TRANSACTION_DAYS);
  return {
    bookingStatus: status ?? 'both',
    dateFrom: dateFrom ?? (isIsoDate(start) ? start : '0001-01-01'),
    ...(dateTo ? { dateTo } : {}),
  };
}

// ---- errors ------------------------------------------------------------------------------

/** Every failure as this API answers it: its own refusals, the services', fastify's. */
async function toAispError(
  error: FastifyError,
  request: FastifyRequest,
  deps: AispApiDependencies,
): Promise<AispError> {
  if (error instanceof AispError) return error;
  if (error instanceof Problem) {
    const caller = request.aisp;
    return aispErrorOf(error, async () =>
      caller ? deps.consentStatus(caller.clientId, caller.consentId) : undefined,
    );
  }
  if (error.statusCode === 413) return AispError.invalidRequest('the request body is too large');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return AispError.invalidRequest(error.message);
  }
  return new AispError(
    'server_error',
    `an internal error occurred; quote X-Request-ID ${request.id} when reporting it`,
  );
}

/**
 * For `createHttpServer`'s `onUnroutableUrl`: an `/aisp/v1` URL fastify cannot route (broken
 * percent-encoding, an over-long segment) is answered as this API's `invalid_request`; other
 * URLs go to `otherwise`.
 */
export function answeringUnroutableAispUrls(
  otherwise: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void,
  now: () => Date,
) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    if (request.url !== AISP_BASE_PATH && !request.url.startsWith(`${AISP_BASE_PATH}/`)) {
      otherwise(error, request, reply);
      return;
    }
    const refusal = AispError.invalidRequest(
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'a path segment of the URL is too long'
        : 'the URL is not valid (check its percent-encoding)',
    );
    reply
      .code(refusal.status)
      .header('Cache-Control', 'no-store')
      .send(refusal.body(now(), request.id));
  };
}
