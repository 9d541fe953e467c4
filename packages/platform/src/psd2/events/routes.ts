import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessTokenVerifier } from '../../auth/access-tokens.js';
import { eventPayload } from '../../events/payload.js';
import { Problem } from '../../problems.js';
import type { EventCursor, EventsRepository } from '../../store/events.js';
import { clientIdOf } from '../request.js';
import { requireToken } from '../require-token.js';

export interface EventRouteDependencies {
  feed: EventsRepository;
  tokens: AccessTokenVerifier;
  authUrl: string;
}

interface FeedQuery {
  Querystring: { after?: string; limit?: string };
}

export const EVENTS_PATH = '/psd2/events/v1/events';
const MAX_LIMIT = 200;

/**
 * `/psd2/events/v1` (a Bankbridge extension, not in the contract): the client's events in the
 * order they can no longer change, for TPPs that cannot receive webhooks. A token for
 * `accountinformation` sees consent events, one for `paymentinitiation` payment events, one
 * with both sees both. `cursor` in each answer is where the next call starts (`?after=`).
 */
export async function eventRoutes(app: FastifyInstance, deps: EventRouteDependencies) {
  const ais = requireToken(deps.tokens, 'accountinformation', deps.authUrl);
  const pis = requireToken(deps.tokens, 'paymentinitiation', deps.authUrl);
  app.addHook('preHandler', async (request) => {
    try {
      await ais(request);
    } catch (error) {
      if (!(error instanceof Problem) || error.code !== 'SERVICE_BLOCKED') throw error;
      await pis(request);
    }
  });

  app.get<FeedQuery>('/events', async (request: FastifyRequest<FeedQuery>) => {
    const after = request.query.after ? decodeCursor(request.query.after) : undefined;
    const limit = parseLimit(request.query.limit);
    const scopes = request.token?.scopes ?? new Set<string>();
    const kinds = [
      ...(scopes.has('accountinformation') ? ['consent'] : []),
      ...(scopes.has('paymentinitiation') ? ['payment'] : []),
    ];
    const events = await deps.feed.feed(clientIdOf(request), after, limit + 1, kinds);
    const page = events.slice(0, limit);
    const last = page.at(-1)?.cursor ?? after;
    return {
      events: page.map(eventPayload),
      ...(last ? { cursor: encodeCursor(last) } : {}),
      hasMore: events.length > limit,
    };
  });
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 100;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_LIMIT) {
    throw new Problem('FORMAT_ERROR', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return value;
}

function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(`${cursor.tx}.${cursor.seq}`).toString('base64url');
}

function decodeCursor(raw: string): EventCursor {
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(raw, 'base64url').toString());
  if (!match) throw new Problem('FORMAT_ERROR', 'after: not a cursor this feed answered');
  return { tx: Number(match[1]), seq: Number(match[2]) };
}
