import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  AccountInformationService,
  AisCallContext,
  AisRequest,
} from '../../accounts/account-information-service.js';
import { parseFlag } from '../../accounts/transaction-query.js';
import type { AccessTokenVerifier } from '../../auth/access-tokens.js';
import type { Logger } from '../../logging/logger.js';
import { Psd2Error } from '../psd2-error.js';
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
  app.addHook('preHandler', requireToken(deps.tokens, 'accountinformation'));

  app.get<{ Querystring: Record<string, unknown> }>('/accounts', async (request) => {
    const withBalance = flag(request.query.withBalance);
    const accounts = await service.listAccounts(context(request), aisRequest(request), {
      withBalance,
    });
    return accountListBody(accounts);
  });

  app.get<AccountPath>('/accounts/:accountId', async (request) => {
    const account = await service.account(
      context(request),
      aisRequest(request),
      request.params.accountId,
      { withBalance: flag(request.query.withBalance) },
    );
    return { account: accountBody(account) };
  });

  app.get<AccountPath>('/accounts/:accountId/balances', async (request) => {
    const { body } = await service.balances(
      context(request),
      aisRequest(request),
      request.params.accountId,
    );
    return balancesBody(body);
  });

  app.get<AccountPath>('/accounts/:accountId/transactions', async (request) => {
    const report = await service.transactions(
      context(request),
      aisRequest(request),
      request.params.accountId,
      request.query,
    );
    return transactionsBody(report);
  });

  app.get<TransactionPath>('/accounts/:accountId/transactions/:transactionId', async (request) => {
    const details = await service.transaction(
      context(request),
      aisRequest(request),
      request.params.accountId,
      request.params.transactionId,
    );
    return transactionDetailsBody(details);
  });
}

function flag(raw: unknown): boolean {
  const parsed = parseFlag('withBalance', raw);
  if (!parsed.ok) throw new Psd2Error(400, parsed.error.code, parsed.error.text);
  return parsed.value === true;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : undefined;
}

function aisRequest(request: FastifyRequest): AisRequest {
  if (!request.token) throw new Error('account information routes run after requireToken');
  return {
    clientId: request.token.clientId,
    consentId: header(request, 'consent-id'),
    bic: header(request, 'x-bicfi'),
    psuIpAddress: header(request, 'psu-ip-address'),
    psuUserAgent: header(request, 'psu-user-agent'),
    psuCorporateId: header(request, 'psu-corporate-id'),
  };
}

function context(request: FastifyRequest): AisCallContext {
  // Fastify logs through Bankbridge's pino logger; its child carries the request id.
  return { requestId: request.id, logger: request.log as unknown as Logger };
}
