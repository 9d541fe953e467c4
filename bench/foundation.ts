/**
 * Throughput of the foundation: token issuance and the ASPSP list through Bankbridge, and the
 * same ASPSP list JSON from a bare fastify route, measured in one run on this machine.
 *
 *   npm run bench                         (SQLite)
 *   DATABASE_URL=postgres://... npm run bench
 *
 * Targets: >= 1,500 tokens/s on 2 cores; the ASPSP list at >= 50% of the bare route.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, freePort, measure, median, ROOT, run, startServer, stop, table } from './support.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'bankbridge-bench-'));
const [apiPort, authPort, barePort] = [await freePort(), await freePort(), await freePort()];
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BANKBRIDGE_DATA_DIR: dataDir,
  BANKBRIDGE_API_PORT: String(apiPort),
  BANKBRIDGE_AUTH_PORT: String(authPort),
  BANKBRIDGE_LOG_LEVEL: process.env.BANKBRIDGE_LOG_LEVEL ?? 'info',
  // The per-client rate limit would measure itself, not the path.
  BANKBRIDGE_RATE_LIMIT: 'off',
};
const api = `http://127.0.0.1:${apiPort}`;
const auth = `http://127.0.0.1:${authPort}`;

const created = JSON.parse(
  await run([CLI, 'clients', 'create', '--name', 'Benchmark TPP', '--json'], env),
) as { client_id: string; client_secret: string };
const tokenForm = new URLSearchParams({
  client_id: created.client_id,
  client_secret: created.client_secret,
  grant_type: 'client_credentials',
  scope: 'aspspinformation private',
}).toString();

const platform = await startServer([CLI, 'start', '--no-sandbox'], env, `${api}/health`);
let bare: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const tokenResponse = await fetch(`${auth}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenForm,
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const psd2Headers = { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() };
  const aspsps = await (
    await fetch(`${api}/psd2/aspspinformation/v1/aspsps`, { headers: psd2Headers })
  ).text();

  bare = await startServer(
    [path.join(ROOT, 'bench/bare-server.mjs')],
    {
      ...process.env,
      BARE_PORT: String(barePort),
      BARE_BODIES: JSON.stringify({ '/aspsps': aspsps }),
    },
    `http://127.0.0.1:${barePort}/health`,
  );

  const tokens = await measure('POST /connect/token (client_credentials)', {
    url: `${auth}/connect/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenForm,
  });
  // The list and its baseline alternate over three rounds and each keeps its median, so a
  // passing disturbance of the machine does not decide the ratio.
  const listRounds = [];
  const bareRounds = [];
  for (let round = 0; round < 3; round++) {
    listRounds.push(
      await measure('GET /psd2/aspspinformation/v1/aspsps', {
        url: `${api}/psd2/aspspinformation/v1/aspsps`,
        headers: psd2Headers,
        duration: 5,
      }),
    );
    bareRounds.push(
      await measure('bare fastify route, same JSON', {
        url: `http://127.0.0.1:${barePort}/aspsps`,
        duration: 5,
      }),
    );
  }
  const list = median(listRounds);
  const baseline = median(bareRounds);
  const rows = [tokens, list, baseline];
  const ratio = list.requestsPerSecond / baseline.requestsPerSecond;
  console.log(
    `\nBankbridge foundation benchmark (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, Node ${process.version})\n`,
  );
  console.log(table(rows));
  console.log(
    `\ntoken issuance: ${tokens.requestsPerSecond.toFixed(0)}/s (target >= 1500) ${tokens.requestsPerSecond >= 1500 ? 'OK' : 'BELOW TARGET'}`,
  );
  console.log(
    `ASPSP list / bare route: ${(ratio * 100).toFixed(0)}% (target >= 50%) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
  );
} finally {
  if (bare) await stop(bare);
  await stop(platform);
  rmSync(dataDir, { recursive: true, force: true });
}
