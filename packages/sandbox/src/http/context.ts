// What every route module receives: the banks, the clock, id generators and the URLs.

import type { FastifyRequest } from 'fastify';
import { BankError } from '../domain/errors.js';
import type { PaymentScheduler } from '../domain/payment-scheduler.js';
import type { AuthorizeSession } from '../domain/redirect-sca.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import type { ScaKinds } from '../sca/sca-kinds.js';

export interface BankIdOrderRef {
  bic: string;
  authorisationId: string;
}

export interface SandboxContext {
  banks: Map<string, SandboxBank>;
  /** Base URL the sandbox is reached at, used in links and redirects; no trailing slash. */
  publicUrl: string;
  now: () => Date;
  newId: () => string;
  newSecret: () => string;
  /** clientId -> secret; when absent any client id is accepted (a sandbox convenience). */
  tppClients?: Record<string, string>;
  adminToken?: string;
  authorizeSessions: Map<string, AuthorizeSession>;
  bankIdOrders: Map<string, BankIdOrderRef>;
  /** The same orders by qrStartToken: an animated QR code names its order by it. */
  qrOrders: Map<string, BankIdOrderRef>;
  /** The kinds of resource SCA can authorise (consents; later payments). */
  scaKinds: ScaKinds;
  /** Executes authorised payments on the sandbox clock. */
  payments: PaymentScheduler;
  /** Moves the sandbox clock forward (admin hook); the injected clock itself is untouched. */
  advanceClock: (ms: number) => void;
}

export function bankOf(context: SandboxContext, request: FastifyRequest): SandboxBank {
  const { bic } = request.params as { bic?: string };
  const bank = bic ? context.banks.get(bic.toUpperCase()) : undefined;
  if (!bank) throw new BankError('RESOURCE_UNKNOWN', `No sandbox bank with BIC ${bic ?? ''}`);
  return bank;
}

export function bankUrl(context: SandboxContext, bic: string, path = ''): string {
  return `${context.publicUrl}/banks/${bic}${path}`;
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Berlin Group requires X-Request-ID (a UUID) on every API call. */
export function requireRequestId(request: FastifyRequest): void {
  const id = header(request, 'X-Request-ID');
  if (!id || !UUID.test(id))
    throw new BankError('FORMAT_ERROR', 'X-Request-ID header (a UUID) is required');
}

/** The TPP calling the consent API: the TPP-Client-Id header stands in for an eIDAS certificate. */
export function tppClientId(context: SandboxContext, request: FastifyRequest): string {
  const clientId = header(request, 'TPP-Client-Id');
  if (!clientId)
    throw new BankError(
      'CERTIFICATE_MISSING',
      'TPP-Client-Id header is required: it identifies the TPP',
    );
  if (context.tppClients && !(clientId in context.tppClients)) {
    throw new BankError(
      'CERTIFICATE_MISSING',
      `TPP-Client-Id ${clientId} is not registered at this bank`,
    );
  }
  return clientId;
}
