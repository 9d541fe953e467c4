import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  aspspListWithHealth,
  aspspWithHealth,
  getAspsp,
  getCity,
  getCountry,
  type HealthLookup,
  indexRegistry,
  isAspspInformationError,
  type ListParam,
  listAspsps,
  listCities,
  listCountries,
  toJson,
} from '../../aspsp-information/index.js';
import type { AccessTokenVerifier } from '../../auth/access-tokens.js';
import { Problem } from '../../problems.js';
import type { Registry } from '../../registry/index.js';
import { requireToken } from '../require-token.js';

interface Lists {
  Querystring: { isoCountryCodes?: ListParam; cityIds?: ListParam };
}

/**
 * GET /psd2/aspspinformation/v1/{countries,cities,aspsps}[/{id}]: answers from the registry;
 * banks carry their current health when `health` (the connectors' circuit breakers) is given.
 */
export async function aspspInformationRoutes(
  app: FastifyInstance,
  deps: {
    registry: Registry;
    tokens: AccessTokenVerifier;
    health?: HealthLookup;
    authUrl?: string;
  },
): Promise<void> {
  const { registry, health } = deps;
  indexRegistry(registry);
  app.addHook('preHandler', requireToken(deps.tokens, 'aspspinformation', deps.authUrl));

  app.get<Lists>('/countries', async (req, reply) =>
    send(reply, () => listCountries(registry, { isoCountryCodes: req.query.isoCountryCodes })),
  );
  app.get<{ Params: { isoCountryCode: string } }>(
    '/countries/:isoCountryCode',
    async (req, reply) => send(reply, () => getCountry(registry, req.params.isoCountryCode)),
  );
  app.get<Lists>('/cities', async (req, reply) =>
    send(reply, () => listCities(registry, req.query)),
  );
  app.get<{ Params: { cityId: string } }>('/cities/:cityId', async (req, reply) =>
    send(reply, () => getCity(registry, req.params.cityId)),
  );
  app.get<Lists>('/aspsps', async (req, reply) =>
    send(reply, () => {
      const list = listAspsps(registry, req.query);
      return health ? aspspListWithHealth(list, health) : list;
    }),
  );
  app.get<{ Params: { bicFi: string } }>('/aspsps/:bicFi', async (req, reply) =>
    send(reply, () => {
      const details = getAspsp(registry, req.params.bicFi);
      return health ? aspspWithHealth(details, health) : details;
    }),
  );
}

/** Answers are prebuilt where possible; their JSON text is sent as is. */
function send(reply: FastifyReply, answer: () => object): FastifyReply {
  let body: object;
  try {
    body = answer();
  } catch (error) {
    if (isAspspInformationError(error))
      throw new Problem(error.kind, error.message, { status: error.status });
    throw error;
  }
  return reply.type('application/json; charset=utf-8').send(toJson(body));
}
