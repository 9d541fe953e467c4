// The baseline: a bare fastify route answering a fixed JSON body, nothing else.
//   BARE_BODIES        JSON of { "/path": "body text" }, one GET route each
//   BARE_POST_BODIES   the same for POST routes taking a form (a token endpoint's shape)
import Fastify from 'fastify';

const bodies = JSON.parse(process.env.BARE_BODIES ?? '{}');
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
for (const [path, body] of Object.entries(bodies)) {
  app.get(path, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
}
app.addContentTypeParser(
  'application/x-www-form-urlencoded',
  { parseAs: 'string' },
  (_request, body, done) => done(null, body),
);
for (const [path, body] of Object.entries(JSON.parse(process.env.BARE_POST_BODIES ?? '{}'))) {
  app.post(path, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
}
await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => app.close().then(() => process.exit(0)));
