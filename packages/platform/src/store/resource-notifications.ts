import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A resource's own endpoint, as its creation asked (TPP-Notification-URI and -Content). */
export interface ResourceNotification {
  uri: string;
  /** SCA status changes of its authorisations too. */
  scaEvents: boolean;
}

/** Records the resource's endpoint in the transaction that creates the resource. */
export async function subscribe(
  trx: Transaction<Database>,
  resource: { kind: 'consent' | 'payment'; id: string },
  clientId: string,
  notification: ResourceNotification,
  at: string,
): Promise<void> {
  await trx
    .insertInto('resource_notifications')
    .values({
      resource_kind: resource.kind,
      resource_id: resource.id,
      client_id: clientId,
      uri: notification.uri,
      sca_events: notification.scaEvents ? 1 : 0,
      created_at: at,
    })
    .execute();
}
