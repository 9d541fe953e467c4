import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  AccountInformationService,
  AisRequest,
} from '../../accounts/account-information-service.js';
import { parseFlag } from '../../accounts/transaction-query.js';
import type { AccessTokenVerifier } from '../../auth/access-tokens.js';
import { Problem } from '../../problems.js';
import { callContext, clientIdOf, headerValue } from '../request.js';
import { requireWellFormedPsuHeaders } from '../require-psu-headers.js';
import { requireToken } from '../require-token.js';
import {
  accountBody,
  accountListBody,
  balancesBody,
  transactionDetailsBody,
  transactionsBody,
} from './responses.js';

export interface AccountInformationRouteDependencies {
  service: AccountInformationService;
  tokens: AccessTokenVerifier;
  /** The auth host, where a refused token's text sends the TPP. */
  authUrl?: string;
}

interface AccountPath {
  Params: { accountId: string };
  Querystring: Record<string, unknown>;
}
interface TransactionPath {
  Params: { accountId: string; transactionId: string };
}

/**
 * `/psd2/accountinformation/v1`: accounts, account details, balances, transactions and
 * transaction details. Each route reads the headers and asks the AccountInformationService,
 * which applies the consent's rules and calls the bank; `responses.ts` renders the answer.
 */
export async function accountInformationRoutes(
  app: FastifyInstance,
  deps: AccountInformationRouteDependencies,
): Promise<void> {
  const { service } = deps;
  app.addHook('preHandler', requireToken(deps.tokens, 'accountinformation', deps.authUrl));
  app.addHook('preHandler', requireWellFormedPsuHeaders);

  app.get<{ Querystring: Record<string, unknown> }>('/accounts', async (request) => {
    const withBalance = flag(request.query.withBalance);
    const accounts = await service.listAccounts(callContext(request), aisRequest(request), {
      withBalance,
    });
    return accountListBody(accounts);
  });

  app.get<AccountPath>('/accounts/:accountId', async (request) => {
    const account = await service.account(
      callContext(request),
      aisRequest(request),
      request.params.accountId,
      { withBalance: flag(request.query.withBalance) },
    );
    return { account: accountBody(account) };
  });

  app.get<AccountPath>('/accounts/:accountId/balances', async (request) => {
    const { body } = await service.balances(
      callContext(request),
      aisRequest(request),
      request.params.accountId,
    );
    return balancesBody(body);
  });

  app.get<AccountPath>('/accounts/:accountId/transactions', async (request) => {
    const report = await service.transactions(
      callContext(request),
      aisRequest(request),
      request.params.accountId,
      request.query,
    );
    return transactionsBody(report);
  });

  app.get<TransactionPath>('/accounts/:accountId/transactions/:transactionId', async (request) => {
    const details = await service.transaction(
      callContext(request),
      aisRequest(request),
      request.params.accountId,
      request.params.transactionId,
    );
    return transactionDetailsBody(details);
  });
}

function flag(raw: unknown): boolean {
  const parsed = parseFlag('withBalance', raw);
  if (!parsed.ok) throw Problem.fromRule(parsed.error);
  return parsed.value === true;
}

function aisRequest(request: FastifyRequest): AisRequest {
  return {
    clientId: clientIdOf(request),
    // A token names one context at most; without one it is private (auth/scopes.ts).
    context: request.token?.scopes.has('corporate') ? 'corporate' : 'private',
    consentId: headerValue(request, 'consent-id'),
    bic: headerValue(request, 'x-bicfi'),
    psuIpAddress: headerValue(request, 'psu-ip-address'),
    psuUserAgent: headerValue(request, 'psu-user-agent'),
    psuCorporateId: headerValue(request, 'psu-corporate-id'),
  };
}
