import type { TokenIssuer } from '../auth/portal-tokens.js';
import type { WebhookSettingsService } from '../events/index.js';
import type { Registry } from '../registry/index.js';
import type { SealedBox } from '../security/sealed-box.js';
import type { ClientsRepository } from '../store/clients.js';
import type { ConsentsRepository } from '../store/consents.js';
import type { DeliveryLogRepository } from '../store/delivery-log.js';
import type { PaymentsRepository } from '../store/payments.js';
import type { RequestLog } from './request-log.js';
import type { Session, SessionsRepository } from './sessions.js';
import type { UsersRepository } from './users.js';

/**
 * What the portal is given and what it hands its route files. Kept apart from portal.ts, which
 * imports those route files: were they to import it back, the portal would be a circle.
 */
declare module 'fastify' {
  interface FastifyRequest {
    /** The portal sign-in the request's cookie names, if live. */
    portalSession?: Session;
  }
}

export interface PortalOptions {
  users: UsersRepository;
  sessions: SessionsRepository;
  clients: ClientsRepository;
  consents: ConsentsRepository;
  payments: PaymentsRepository;
  requestLog: RequestLog;
  /** An application's webhook endpoint and signing secret, checked as the CLI's are. */
  webhooks: WebhookSettingsService;
  deliveryLog: DeliveryLogRepository;
  registry: Registry;
  apiUrl: string;
  authUrl: string;
  /** Binds CSRF tokens to the session they were made for. */
  csrfKey: Buffer;
  /** Seals a new client secret for the one page that shows it (secret-flash.ts). */
  secretBox: SealedBox;
  now: () => Date;
  authorisationTimeoutSeconds: number;
  /** Tokens for a developer's applications in one click; absent in production mode. */
  issueToken?: TokenIssuer;
  /** Called after an application is disabled, so tokens cached as valid are checked again. */
  onClientDisabled?: (clientId: string) => void;
}

/** Cookie settings of the portal: Secure whenever the API is reached over https. */
export function cookieOptions(apiUrl: string) {
  return {
    path: '/portal',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: new URL(apiUrl).protocol === 'https:',
  };
}

export type PortalDeps = PortalOptions & {
  cookie: ReturnType<typeof cookieOptions>;
  sessionCookie: string;
  sessionSeconds: number;
};
