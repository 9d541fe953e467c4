// Operator and test controls: fault injection per bank and revoking a PSU's consents at
// the bank, as a PSU would in their online bank. Protected by a bearer token when the
// sandbox is started with adminToken.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BankError } from '../domain/errors.js';
import { mergeFaultConfig, NO_FAULTS } from '../domain/faults.js';
import { bankOf, bankUrl, header, type SandboxContext } from './context.js';

function requireAdmin(context: SandboxContext, request: FastifyRequest): void {
  if (!context.adminToken) return;
  if (header(request, 'authorization') !== `Bearer ${context.adminToken}`) {
    throw new BankError('TOKEN_INVALID', 'The admin API needs Authorization: Bearer <adminToken>');
  }
}

export function registerAdminRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.get('/admin/banks', async (request) => {
    requireAdmin(context, request);
    return {
      banks: [...context.banks.values()].map((bank) => ({
        bic: bank.bic,
        name: bank.config.name,
        baseUrl: bankUrl(context, bank.bic),
        faults: bank.faults,
      })),
    };
  });

  app.get('/admin/banks/:bic/faults', async (request) => {
    requireAdmin(context, request);
    return bankOf(context, request).faults;
  });

  const update = (replace: boolean) => async (request: FastifyRequest) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    const next = mergeFaultConfig(replace ? NO_FAULTS : bank.faults, request.body ?? {});
    if (typeof next === 'string') throw new BankError('FORMAT_ERROR', next);
    bank.faults = next;
    return next;
  };
  app.put('/admin/banks/:bic/faults', update(true));
  app.patch('/admin/banks/:bic/faults', update(false));

  app.delete('/admin/banks/:bic/faults', async (request) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    bank.faults = { ...NO_FAULTS };
    return bank.faults;
  });

  app.get('/admin/banks/:bic/psus', async (request) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    return {
      psus: bank.psus.map((psu) => ({
        psuId: psu.psuId,
        name: psu.name,
        kind: psu.kind,
        scenario: psu.scenario,
        description: psu.description,
        accounts: psu.accounts.map((a) => ({
          resourceId: a.resourceId,
          iban: a.iban,
          currency: a.currency,
          name: a.name,
          cashAccountType: a.cashAccountType,
        })),
      })),
    };
  });

  // The bank gives an account a new id (see SandboxBank.renumberAccount): a TPP holding the
  // old id must find the account again, as after a bank's migration or a new consent.
  app.post('/admin/banks/:bic/accounts/:resourceId/renumber', async (request) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    const { resourceId } = request.params as { resourceId: string };
    const account = bank.renumberAccount(resourceId, context.newId());
    if (!account) {
      throw new BankError('RESOURCE_UNKNOWN', `No account ${resourceId} at ${bank.bic}`);
    }
    return { previousResourceId: resourceId, resourceId: account.resourceId, iban: account.iban };
  });

  app.post('/admin/banks/:bic/psus/:psuId/revoke-consents', async (request) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    const { psuId } = request.params as { psuId: string };
    if (!bank.psu(psuId)) throw new BankError('RESOURCE_UNKNOWN', `No PSU ${psuId} at ${bank.bic}`);
    return { revokedConsentIds: bank.revokePsuConsents(psuId, context.now()) };
  });
}
