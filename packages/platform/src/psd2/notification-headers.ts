import type { FastifyReply, FastifyRequest } from 'fastify';
import { notificationContent, type WebhookSettingsService } from '../events/index.js';
import type { ResourceNotification } from '../store/resource-notifications.js';
import { headerValue } from './request.js';

/**
 * Berlin Group's resource status notifications on consent and payment creation: the TPP names
 * the resource's endpoint in TPP-Notification-URI (and what it wants in
 * TPP-Notification-Content-Preferred); the answer says whether it will be notified
 * (ASPSP-Notification-Support) and of what (ASPSP-Notification-Content).
 */
export async function requestedNotification(
  request: FastifyRequest,
  clientId: string,
  webhooks: WebhookSettingsService | undefined,
): Promise<ResourceNotification | undefined> {
  const uri = headerValue(request, 'tpp-notification-uri');
  if (!webhooks || uri === undefined) return undefined;
  return webhooks.resourceNotification(
    clientId,
    uri,
    headerValue(request, 'tpp-notification-content-preferred'),
  );
}

export function answerNotification(
  reply: FastifyReply,
  notification: ResourceNotification | undefined,
): void {
  if (!notification) return;
  reply.header('ASPSP-Notification-Support', 'true');
  reply.header('ASPSP-Notification-Content', notificationContent(notification.scaEvents));
}
