/**
 * The Prometheus endpoint on its own port: what a TPP's calls leave in it (requests by route
 * pattern and status, bank calls by bank and outcome, tokens, frequency and rate-limit
 * refusals, consents by status, breakers, webhook backlog, the database pool), that no label
 * carries an id or a raw URL, that the API port does not serve it, and that `promtool check
 * metrics` (Debian's prometheus) accepts the exposition.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentBody, validConsent } from '../support/ais-consent.js';
import { expectContract, fromInject } from '../support/contract.js';
import { type ListeningPlatform, startListeningPlatform } from '../support/listening-platform.js';
import { readmeBlock } from '../support/readme-blocks.js';
import { startTestPlatform } from '../support/test-platform.js';
import { TEST_DB } from '../support/test-store.js';

const BIC = 'SWEDSESS';
const AIS = '/psd2/accountinformation/v1';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The exposition format's sample lines (comments apart), parsed strictly. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) types.set(type[1] as string, type[2] as string);
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = pair[2] as string;
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return { samples, types };
}

function requirePromtool(): void {
  if (spawnSync('which', ['promtool']).status !== 0) {
    throw new Error('promtool is missing: apt-get install prometheus (.ci/run installs it)');
  }
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

describe('metrics', () => {
  let live: ListeningPlatform;
  let text: string;
  let samples: Sample[];
  let types: Map<string, string>;
  let consentId: string;

  beforeAll(async () => {
    live = await startListeningPlatform({ env: { BANKBRIDGE_METRICS_PORT: '0' } });
    const token = await live.token('accountinformation private');
    // One over the network too: the OAuth server answers it before fastify's routing.
    const overHttp = await fetch(`${live.authUrl}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: live.client.id,
        client_secret: live.client.secret,
        scope: 'aspspinformation',
      }),
    });
    expect(overHttp.status).toBe(200);
    consentId = await validConsent(live, {
      bic: BIC,
      token,
      body: consentBody(new Date(), { frequencyPerDay: 1 }),
    });
    // Two unattended reads of a once-a-day consent: the second is refused by its budget.
    const read = () =>
      live.api.inject({
        method: 'GET',
        url: `${AIS}/accounts`,
        headers: {
          authorization: `Bearer ${token}`,
          'x-request-id': randomUUID(),
          'consent-id': consentId,
          'x-bicfi': BIC,
        },
      });
    expect((await read()).statusCode).toBe(200);
    const refused = await read();
    expectContract(fromInject(refused, { method: 'GET', url: `${AIS}/accounts` }));
    expect(refused.statusCode).toBe(429);
    // A request no route knows.
    expect(
      (await live.api.inject({ method: 'GET', url: `/nothing/${randomUUID()}` })).statusCode,
    ).toBe(404);
    const url = live.platform.metricsUrl() as string;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await response.text();
    ({ samples, types } = parse(text));
  }, 60_000);
  afterAll(async () => {
    await live?.close();
  });

  it('is served on its own port only: the API and auth ports answer 404', async () => {
    for (const base of [live.apiUrl, live.authUrl]) {
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(404);
    }
    expect(live.platform.metricsUrl()).not.toContain(`:${live.platform.config.apiPort}/`);
    const other = await fetch((live.platform.metricsUrl() as string).replace('/metrics', '/'));
    expect(other.status).toBe(404);
  });

  it('counts requests by route pattern and status, never by the URL', () => {
    const status = value(samples, 'bankbridge_http_request_duration_seconds_count', {
      server: 'api',
      method: 'GET',
      route: '/psd2/consent/v1/consents/:consentId/status',
      status: '200',
    });
    expect(status).toBeGreaterThanOrEqual(1);
    expect(
      value(samples, 'bankbridge_http_request_duration_seconds_count', {
        route: `${AIS}/accounts`,
        status: '429',
      }),
    ).toBe(1);
    expect(
      value(samples, 'bankbridge_http_request_duration_seconds_count', { route: '(unmatched)' }),
    ).toBeGreaterThanOrEqual(1);
    // The OAuth server routes /connect/ itself: its requests count under its prefix.
    expect(
      value(samples, 'bankbridge_http_request_duration_seconds_count', {
        server: 'auth',
        method: 'POST',
        route: '/connect/*',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(types.get('bankbridge_http_request_duration_seconds')).toBe('histogram');
  });

  it('carries no id, UUID or raw path in any label', () => {
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    expect(text).not.toContain(consentId);
    expect(text).not.toMatch(uuid);
    for (const sample of samples) {
      for (const [name, label] of Object.entries(sample.labels)) {
        if (name === 'route') expect(label).toMatch(/^(\/[\w.\-:*]*)+$|^\(unmatched\)$/);
        expect(label.length, `${sample.name} ${name}`).toBeLessThan(80);
      }
    }
  });

  it('counts bank calls per bank and outcome, and shows each breaker', () => {
    expect(
      value(samples, 'bankbridge_bank_request_duration_seconds_count', {
        bank: BIC,
        outcome: '2xx',
      }),
    ).toBeGreaterThanOrEqual(3);
    expect(value(samples, 'bankbridge_bank_breaker_state', { bank: BIC, state: 'available' })).toBe(
      1,
    );
    expect(
      value(samples, 'bankbridge_bank_breaker_state', { bank: BIC, state: 'unavailable' }),
    ).toBe(0);
  });

  it('counts tokens, frequency refusals, consents by status and the webhook backlog', () => {
    expect(
      value(samples, 'bankbridge_tokens_issued_total', {
        server: 'connect',
        grant_type: 'client_credentials',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(value(samples, 'bankbridge_frequency_budget_refusals_total')).toBe(1);
    expect(value(samples, 'bankbridge_consents', { status: 'valid' })).toBe(1);
    // Every status is there, at 0 when no consent or payment has it.
    expect(
      samples.some(
        (s) => s.name === 'bankbridge_consents' && s.labels.status === 'expired' && s.value === 0,
      ),
    ).toBe(true);
    expect(
      samples.some(
        (s) => s.name === 'bankbridge_payments' && s.labels.status === 'ACSC' && s.value === 0,
      ),
    ).toBe(true);
    expect(value(samples, 'bankbridge_webhook_backlog', { state: 'pending' })).toBe(0);
    expect(types.get('bankbridge_rate_limit_refusals_total')).toBe('counter');
    expect(types.get('bankbridge_webhook_deliveries_total')).toBe('counter');
    expect(types.get('bankbridge_payments')).toBe('gauge');
    // The process' own (CPU, memory, event loop), as every Node exporter has them.
    expect(value(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it.runIf(TEST_DB === 'postgres')("shows the database pool's use", () => {
    expect(value(samples, 'bankbridge_db_pool_max_connections')).toBeGreaterThan(0);
    expect(
      value(samples, 'bankbridge_db_pool_connections', { state: 'idle' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('passes promtool check metrics', () => {
    requirePromtool();
    // promtool reads the exposition on standard input; lint problems make it exit non-zero.
    const out = execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(out).toBe('');
  });

  it("the README's scrape config and alert rules pass promtool and name metrics that exist", () => {
    requirePromtool();
    const dir = mkdtempSync(path.join(tmpdir(), 'bankbridge-prometheus-'));
    try {
      const rules = readmeBlock('prometheus-rules', 'yaml');
      writeFileSync(path.join(dir, 'bankbridge-rules.yml'), rules);
      writeFileSync(
        path.join(dir, 'prometheus.yml'),
        `${readmeBlock('prometheus-scrape', 'yaml')}rule_files: [bankbridge-rules.yml]\n`,
      );
      const config = spawnSync('promtool', ['check', 'config', path.join(dir, 'prometheus.yml')], {
        encoding: 'utf8',
      });
      expect(config.status, config.stdout + config.stderr).toBe(0);
      expect(config.stdout + config.stderr).toContain('SUCCESS: 6 rules found');
      const named = new Set(
        [...rules.matchAll(/\b(bankbridge_[a-z_]+)/g)].map((m) =>
          (m[1] as string).replace(/_(count|sum|bucket)$/, ''),
        ),
      );
      expect(named.size).toBeGreaterThanOrEqual(5);
      for (const name of named) {
        // The embedded SQLite has no connection pool to report.
        if (TEST_DB !== 'postgres' && name.startsWith('bankbridge_db_pool_')) continue;
        expect(types.has(name), name).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rate-limit refusals', () => {
  it('are counted, by the limit that refused', async () => {
    const t = await startTestPlatform({
      env: { BANKBRIDGE_METRICS_PORT: '0', BANKBRIDGE_RATE_LIMIT: '3/min' },
    });
    try {
      const token = await t.token('aspspinformation');
      let refused = 0;
      for (let i = 0; i < 4; i++) {
        const response = await t.api.inject({
          method: 'GET',
          url: '/psd2/aspspinformation/v1/countries',
          headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
        });
        if (response.statusCode === 429) refused++;
      }
      expect(refused).toBeGreaterThanOrEqual(2);
      const { samples } = parse((await t.platform.metrics?.text()) as string);
      expect(value(samples, 'bankbridge_rate_limit_refusals_total', { limit: 'client' })).toBe(
        refused,
      );
    } finally {
      await t.close();
    }
  });
});
