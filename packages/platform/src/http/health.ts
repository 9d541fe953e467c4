/**
 * The probes a balancer or an orchestrator asks: `/health/live` (the process answers; restart
 * it when this fails) and `/health/ready` (send it traffic: every check passes and it is not
 * draining). `/health` stays what it always was, the liveness answer, for balancers set up
 * against it.
 */
import type { FastifyInstance } from 'fastify';

/** One readiness check: resolves to a problem in words, or undefined when all is well. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<string | undefined>;
}

export interface HealthOptions {
  checks: ReadinessCheck[];
  /** True once shutdown has begun: the balancer should stop sending requests here. */
  draining(): boolean;
  /** A check that has not answered by then counts as failed (a database that hangs). */
  timeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

/** Runs every check side by side; `draining` is a check of its own. */
export async function readiness(options: HealthOptions): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const results = await Promise.all(
    options.checks.map(async ({ name, check }) => [name, await bounded(check, timeoutMs)] as const),
  );
  const checks: Record<string, string> = {};
  let ready = true;
  for (const [name, problem] of results) {
    checks[name] = problem ?? 'ok';
    if (problem) ready = false;
  }
  if (options.draining()) {
    checks.shutdown = 'draining: finishing its requests before it stops';
    ready = false;
  }
  return { ready, checks };
}

export function registerHealth(app: FastifyInstance, options: HealthOptions): void {
  const live = async (_request: unknown, reply: { header(n: string, v: string): unknown }) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  };
  app.get('/health', live);
  app.get('/health/live', live);
  app.get('/health/ready', async (_request, reply) => {
    const { ready, checks } = await readiness(options);
    reply.header('cache-control', 'no-store');
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks };
  });
}

async function bounded(
  check: () => Promise<string | undefined>,
  timeoutMs: number,
): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer in ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      // Probes answer on the public port: a thrown error's text stays out of the answer.
      check().catch(() => 'failed'),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
