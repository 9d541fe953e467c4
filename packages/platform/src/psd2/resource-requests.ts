/**
 * What the Consent and Payment Initiation APIs read and answer alike: the headers of a
 * resource's creation, and the 201 that names a new resource or authorisation. One place, so
 * that a consent and a payment cannot come to differ in what a TPP must send or is told.
 */
import type { FastifyRequest } from 'fastify';
import type { WebhookSettingsService } from '../events/index.js';
import { Problem } from '../problems.js';
import { type PsuInfo, parseTppRedirectPreferred } from '../sca/index.js';
import type { JointWrite } from '../store/joint-write.js';
import type { StoredAnswer } from '../store/request-replays.js';
import type { ResourceNotification } from '../store/resource-notifications.js';
import { requestedNotification } from './notification-headers.js';
import { psuOf } from './psu-context.js';
import { clientIdOf, headerValue } from './request.js';
import { changeAnswered, jsonAnswer } from './request-replay.js';

export interface CreationHeaders {
  bic: string;
  /** TPP-Redirect-Preferred; undefined when not sent. */
  tppRedirectPreferred: boolean | undefined;
  psu: PsuInfo;
  /** The resource's own webhook endpoint (TPP-Notification-URI), checked. */
  notification: ResourceNotification | undefined;
}

/**
 * The headers a creation needs besides its body; a missing X-BicFi or a malformed
 * TPP-Redirect-Preferred is a 400 FORMAT_ERROR before anything is created.
 */
export async function creationHeaders(
  request: FastifyRequest,
  webhooks: WebhookSettingsService | undefined,
): Promise<CreationHeaders> {
  const bic = headerValue(request, 'x-bicfi');
  if (!bic) throw Problem.format('the X-BicFi header is required: the BIC of the bank');
  const preferred = parseTppRedirectPreferred(request.headers['tpp-redirect-preferred']);
  if (!preferred.ok) throw Problem.fromRule(preferred.error);
  const psu = psuOf(request);
  const notification = await requestedNotification(request, clientIdOf(request), webhooks);
  return { bic, tppRedirectPreferred: preferred.value, psu, notification };
}

/** What a 201 of a new resource says: where it is, the SCA approach chosen, and its body. */
export interface Created {
  location: string;
  scaApproach: string;
  body: unknown;
}

/**
 * Creates a consent, payment or authorisation; the 201 to send for it: where it is, and the SCA
 * approach chosen, kept for a replay with the creation where the request holds its X-Request-ID
 * (`changeAnswered`).
 */
export function createAnswered<C>(
  request: FastifyRequest,
  create: (answer: ((created: C) => JointWrite) | undefined) => Promise<C>,
  render: (created: C) => Created,
): Promise<StoredAnswer> {
  return changeAnswered(request, create, (created) => {
    const { location, scaApproach, body } = render(created);
    return jsonAnswer(201, { location, 'aspsp-sca-approach': scaApproach }, body);
  });
}

/**
 * PUT .../authorisations/{id}: chooses the SCA method; the 200 to send, with the approach it
 * started, kept for a replay with the choice where the request holds its X-Request-ID.
 */
export function selectAnswered<S extends { approach: string }>(
  request: FastifyRequest,
  select: (answer: ((selected: S) => JointWrite) | undefined) => Promise<S>,
  render: (selected: S) => unknown,
): Promise<StoredAnswer> {
  return changeAnswered(request, select, (selected) =>
    jsonAnswer(200, { 'aspsp-sca-approach': selected.approach }, render(selected)),
  );
}
