// The floor of any gateway: a bare fastify route that forwards one GET to the bank with fetch,
// parses the JSON and answers it again. Nothing is checked, stored, logged or rewritten.
import Fastify from 'fastify';

const bankUrl = process.env.BANK_URL ?? '';
const bankHeaders = JSON.parse(process.env.BANK_HEADERS ?? '{}');
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/transactions', async () => {
  const response = await fetch(bankUrl, { headers: bankHeaders });
  return response.json();
});
await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => app.close().then(() => process.exit(0)));
