/**
 * Bankbridge's event feed (`/psd2/events/v1/events`, an extension of the API): the client's
 * events in an order that never changes behind a cursor, for a TPP that cannot receive
 * webhooks. Consent events are read with an `accountinformation` token, payment events with a
 * `paymentinitiation` one, so each kind has its own cursor.
 */
import type { ApiCaller } from './api-caller.js';
import type { WithResponse } from './types.js';
import type { BankbridgeEvent } from './webhooks.js';

export interface EventPage {
  events: BankbridgeEvent[];
  /** Where the next read starts (`after`); absent while the feed has no event yet. */
  cursor?: string;
  /** More events follow at once: read again with `after: cursor`. */
  hasMore: boolean;
}

export interface EventListOptions {
  /** Which events: those of consents or those of payments. */
  of: 'consents' | 'payments';
  /** The `cursor` of the last page read; left out, the feed starts at its oldest event. */
  after?: string;
  /** 1 to 200; default 100. */
  limit?: number;
  signal?: AbortSignal;
}

export class EventFeedApi {
  constructor(private readonly api: ApiCaller) {}

  /** One page of events after `after`, oldest first. */
  list(options: EventListOptions): Promise<WithResponse<EventPage>> {
    return this.api.answer<EventPage>({
      method: 'GET',
      path: '/psd2/events/v1/events',
      service: options.of === 'consents' ? 'accountinformation' : 'paymentinitiation',
      query: {
        after: options.after,
        limit: options.limit === undefined ? undefined : String(options.limit),
      },
      signal: options.signal,
    });
  }
}
