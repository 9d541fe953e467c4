// The baseline: a bare fastify route answering a fixed JSON body, nothing else.
//   BARE_BODIES   JSON of { "/path": "body text" }, one GET route each
import Fastify from 'fastify';

const bodies = JSON.parse(process.env.BARE_BODIES ?? '{}');
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
for (const [path, body] of Object.entries(bodies)) {
  app.get(path, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
}
await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => app.close().then(() => process.exit(0)));
