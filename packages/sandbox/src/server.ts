// Builds the sandbox server: loads the sandbox banks from the registry, generates (or
// loads) their data and registers the routes. One fastify instance serves every bank
// under /banks/{BIC}.

import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { parse as parseYaml } from 'yaml';
import { DataFileError, readBankDataFile } from './domain/data-file.js';
import { BankError, OAuthError } from './domain/errors.js';
import { type FaultConfig, mergeFaultConfig, NO_FAULTS } from './domain/faults.js';
import { GeneratedCustomers, takesAnyNationalId } from './domain/generated-customers.js';
import { generatePsus } from './domain/generator.js';
import type { Psu } from './domain/model.js';
import {
  DEFAULT_CLEARING_DELAY_SECONDS,
  DEFAULT_PAYMENT_AUTHORISATION_SECONDS,
} from './domain/payment-execution.js';
import { PaymentScheduler } from './domain/payment-scheduler.js';
import { SandboxBank } from './domain/sandbox-bank.js';
import { TEST_PSUS } from './domain/test-psus.js';
import { registerAccountRoutes } from './http/account-routes.js';
import { registerAdminRoutes } from './http/admin-routes.js';
import { registerBankIdRoutes } from './http/bank-id-routes.js';
import { registerConsentRoutes } from './http/consent-routes.js';
import { bankUrl, type SandboxContext } from './http/context.js';
import { registerFaultHook } from './http/fault-hook.js';
import { registerOAuthRoutes } from './http/oauth-routes.js';
import { indexPage } from './http/pages.js';
import { registerPaymentAdminRoutes } from './http/payment-admin-routes.js';
import { registerPaymentRoutes } from './http/payment-routes.js';
import { registerTokenRoutes } from './http/token-routes.js';
import { loadSandboxBanks, type SandboxBankConfig } from './registry/load-registry.js';
import { consentScaKind } from './sca/consent-sca-kind.js';
import { paymentCancellationScaKind } from './sca/payment-cancellation-sca-kind.js';
import { paymentScaKind } from './sca/payment-sca-kind.js';
import { ScaKinds } from './sca/sca-kinds.js';

export const DEFAULT_SANDBOX_PORT = 8082;

/** The platform's registry, resolved from this package so it works from any directory. */
export const DEFAULT_REGISTRY_PATH = fileURLToPath(
  new URL('../../platform/registry/aspsps.yaml', import.meta.url),
);

export interface SandboxOptions {
  /** ASPSP registry file; banks with `sandbox: true` are served. Default: the platform's registry. */
  registryPath?: string;
  /** Bank settings given directly instead of reading a registry (tests, embedding). */
  banks?: SandboxBankConfig[];
  /** Base URL the sandbox is reached at, used in links and redirects. Default http://127.0.0.1:8082. */
  publicUrl?: string;
  /** A pino logger, or false for none (default). */
  logger?: Logger | false;
  /** The clock every rule reads. Default: the system clock. */
  now?: () => Date;
  /** Folder with operator data files named <BIC>.json, <BIC>.yaml or <BIC>.yml. */
  dataDir?: string;
  /** Data file per BIC; overrides dataDir. */
  dataFiles?: Record<string, string>;
  /** Faults every bank starts with. */
  faults?: Partial<FaultConfig>;
  /** Faults per BIC, over `faults`. */
  bankFaults?: Record<string, Partial<FaultConfig>>;
  /** Registered TPP clients (client id -> secret). Absent: any client id is accepted. */
  tppClients?: Record<string, string>;
  /** Bearer token the /admin API requires. Absent: the admin API is open. */
  adminToken?: string;
  /** Seconds a cleared payment stays pending before it books. Default 30. */
  clearingDelaySeconds?: number;
  /** Seconds a payment may wait for SCA before the bank rejects it (RJCT). Default 1800. */
  paymentAuthorisationSeconds?: number;
}

export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError';
}

function faultsFor(options: SandboxOptions, bic: string): FaultConfig {
  let faults: FaultConfig = { ...NO_FAULTS };
  for (const [where, patch] of [
    ['faults', options.faults],
    [`bankFaults.${bic}`, options.bankFaults?.[bic]],
  ] as const) {
    if (patch === undefined) continue;
    const merged = mergeFaultConfig(faults, patch);
    if (typeof merged === 'string')
      throw new SandboxConfigError(`Sandbox option ${where}: ${merged}`);
    faults = merged;
  }
  return faults;
}

function dataFileFor(options: SandboxOptions, bic: string): string | undefined {
  const explicit = options.dataFiles?.[bic];
  if (explicit) return explicit;
  if (!options.dataDir) return undefined;
  return ['json', 'yaml', 'yml']
    .map((ext) => join(options.dataDir as string, `${bic}.${ext}`))
    .find((path) => existsSync(path));
}

/** The bank's listed PSUs, and whether the bank has generated customers besides them. */
function psusFor(
  options: SandboxOptions,
  config: SandboxBankConfig,
  startedAt: Date,
): { psus: Psu[]; generatedCustomers: boolean } {
  // A data file that replaces the generated PSUs means "only these PSUs exist at the bank".
  const generatedCustomers = takesAnyNationalId(config.countryCode);
  const generated = generatePsus(
    {
      bic: config.bic,
      countryCode: config.countryCode,
      historyDays: config.accountInformation.transactionHistoryDays,
    },
    { startedAt },
  );
  const file = dataFileFor(options, config.bic);
  if (!file) return { psus: generated, generatedCustomers };
  let document: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    document = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new SandboxConfigError(`Cannot read sandbox data file ${file}: ${String(error)}`);
  }
  try {
    const data = readBankDataFile(document, config.bic, file);
    const own = new Set(data.psus.map((p) => p.psuId));
    return {
      psus: [
        ...(data.replaceGenerated ? [] : generated.filter((p) => !own.has(p.psuId))),
        ...data.psus,
      ],
      generatedCustomers: generatedCustomers && !data.replaceGenerated,
    };
  } catch (error) {
    if (error instanceof DataFileError)
      throw new SandboxConfigError(`Sandbox data file ${error.message}`);
    throw error;
  }
}

function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | BankError | OAuthError, request, reply) => {
    if (error instanceof OAuthError) {
      reply.header('cache-control', 'no-store');
      if (error.error === 'invalid_client')
        reply.header('www-authenticate', 'Basic realm="sandbox"');
      return reply
        .code(error.status)
        .send({ error: error.error, error_description: error.message });
    }
    if (error instanceof BankError) return reply.code(error.status).send(error.toBody());
    const status =
      'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    const oauth = (request.routeOptions.config as { oauthErrors?: boolean } | undefined)
      ?.oauthErrors;
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type, oversized body: the client's fault, never a 500.
      if (oauth)
        return reply.code(400).send({ error: 'invalid_request', error_description: error.message });
      return reply
        .code(status === 415 ? 400 : status)
        .send(new BankError('FORMAT_ERROR', error.message, status === 415 ? 400 : status).toBody());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .code(500)
      .send(new BankError('INTERNAL_SERVER_ERROR', 'The bank had an internal error').toBody());
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        new BankError(
          'RESOURCE_UNKNOWN',
          `No such endpoint: ${request.method} ${request.url.split('?')[0]}`,
        ).toBody(),
      ),
  );
}

/** Creates the sandbox server, not yet listening. */
export function createSandboxServer(options: SandboxOptions = {}): FastifyInstance {
  const clock = options.now ?? (() => new Date());
  // The admin API can move the sandbox clock forward; until it does, the clock is as given.
  let clockOffsetMs = 0;
  const now = () => (clockOffsetMs === 0 ? clock() : new Date(clock().getTime() + clockOffsetMs));
  const configs = options.banks ?? loadSandboxBanks(options.registryPath ?? DEFAULT_REGISTRY_PATH);
  const newSecret = () => randomBytes(24).toString('base64url');
  const startedAt = now();
  const banks = new Map<string, SandboxBank>();
  const payments = new PaymentScheduler(
    () => banks.values(),
    now,
    options.clearingDelaySeconds ?? DEFAULT_CLEARING_DELAY_SECONDS,
    options.paymentAuthorisationSeconds ?? DEFAULT_PAYMENT_AUTHORISATION_SECONDS,
  );
  const context: SandboxContext = {
    banks,
    publicUrl: (options.publicUrl ?? `http://127.0.0.1:${DEFAULT_SANDBOX_PORT}`).replace(
      /\/+$/,
      '',
    ),
    now,
    newId: randomUUID,
    newSecret,
    authorizeSessions: new Map(),
    bankIdOrders: new Map(),
    qrOrders: new Map(),
    scaKinds: new ScaKinds([
      consentScaKind,
      paymentScaKind(payments.engine),
      paymentCancellationScaKind,
    ]),
    payments,
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
  };
  if (options.tppClients) context.tppClients = options.tppClients;
  if (options.adminToken) context.adminToken = options.adminToken;
  // One cache for all banks, so its bound is the sandbox's, however many banks it serves.
  const generated = new GeneratedCustomers(startedAt);
  for (const config of configs) {
    const { psus, generatedCustomers } = psusFor(options, config, startedAt);
    context.banks.set(
      config.bic,
      new SandboxBank(
        config,
        psus,
        faultsFor(options, config.bic),
        newSecret,
        generatedCustomers ? generated : undefined,
      ),
    );
  }

  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger as FastifyBaseLogger }
      : { logger: false }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // A closing sandbox drops the calls still open (a bank's hanging or slow calls among them)
    // rather than wait for them: a call its timeout fault holds has no end of its own once
    // closing clears the fault's timers.
    forceCloseConnections: true,
  });
  app.register(formbody);
  // Berlin Group clients often send Content-Type: application/json with an empty body on
  // POSTs that need none (starting an authorisation): accept that instead of failing.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('The body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.addHook('onSend', async (request, reply) => {
    const requestId = request.headers['x-request-id'];
    if (typeof requestId === 'string') reply.header('x-request-id', requestId);
  });
  installErrorHandling(app);
  registerFaultHook(app, context);
  registerConsentRoutes(app, context);
  registerOAuthRoutes(app, context);
  registerTokenRoutes(app, context);
  registerAccountRoutes(app, context);
  registerBankIdRoutes(app, context);
  registerAdminRoutes(app, context);
  registerPaymentRoutes(app, context);
  registerPaymentAdminRoutes(app, context);

  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      indexPage({
        banks: configs.map((c) => ({
          bic: c.bic,
          name: c.name,
          baseUrl: bankUrl(context, c.bic),
          scaApproaches: c.scaApproaches,
        })),
        psus: context.banks.values().next().value?.psus ?? [],
        anyPersonalNumber: [...context.banks.values()].some((bank) => bank.takesAnyNationalId),
      }),
    ),
  );
  app.get('/banks', async () => ({
    banks: configs.map((c) => ({
      bic: c.bic,
      name: c.name,
      isoCountryCode: c.countryCode,
      baseUrl: bankUrl(context, c.bic),
      scaApproaches: c.scaApproaches,
    })),
    testPsus: TEST_PSUS.map((p) => ({
      psuId: p.psuId,
      name: p.name,
      kind: p.kind,
      scenario: p.scenario,
      description: p.description,
    })),
  }));
  return app;
}

export interface RunSandboxOptions extends SandboxOptions {
  /** Default: BANKBRIDGE_SANDBOX_PORT, else 8082. 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningSandbox {
  url: string;
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** Starts the sandbox and listens; publicUrl defaults to the address it listens on. */
export async function runSandbox(options: RunSandboxOptions = {}): Promise<RunningSandbox> {
  const envPort = process.env.BANKBRIDGE_SANDBOX_PORT;
  const port = options.port ?? (envPort ? Number(envPort) : DEFAULT_SANDBOX_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new SandboxConfigError(`Invalid sandbox port ${envPort}`);
  const host = options.host ?? '127.0.0.1';
  const registryPath =
    options.registryPath ?? process.env.BANKBRIDGE_REGISTRY ?? DEFAULT_REGISTRY_PATH;
  const dataDir = options.dataDir ?? process.env.BANKBRIDGE_SANDBOX_DATA_DIR;
  // With port 0 the URL is known only after listening: links are built lazily from context.
  let publicUrl = options.publicUrl ?? process.env.BANKBRIDGE_SANDBOX_URL;
  if (!publicUrl && port !== 0)
    publicUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!publicUrl) {
    // Reserve a port first so the links can name it.
    const probe = Fastify();
    await probe.listen({ port: 0, host });
    const address = probe.server.address();
    await probe.close();
    if (address && typeof address === 'object')
      return runSandbox({ ...options, port: address.port, host });
  }
  const app = createSandboxServer({
    ...options,
    registryPath,
    ...(dataDir ? { dataDir } : {}),
    ...(publicUrl ? { publicUrl } : {}),
  });
  await app.listen({ port, host });
  return { url: publicUrl ?? '', app, close: () => app.close() };
}
