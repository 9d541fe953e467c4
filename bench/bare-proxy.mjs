// The floor of any gateway: a bare fastify route that forwards one GET to the bank with undici's
// request API over a kept-alive pool (as Bankbridge's connectors do), parses the JSON and
// answers it again. Nothing is checked, stored, logged or rewritten.
import Fastify from 'fastify';
import { Agent, request } from 'undici';

const bankUrl = process.env.BANK_URL ?? '';
const bankHeaders = JSON.parse(process.env.BANK_HEADERS ?? '{}');
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/forward', async () => {
  const response = await request(bankUrl, { headers: bankHeaders, dispatcher });
  return JSON.parse(await response.body.text());
});
await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => app.close().then(() => process.exit(0)));
