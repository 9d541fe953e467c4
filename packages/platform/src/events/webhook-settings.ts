/**
 * A client's webhook settings, checked: the operator's list of hosts, the endpoint on one of
 * them, SCA events or not, and the signing secret (shown once, rotatable). Also the check of a
 * resource's own endpoint, named in TPP-Notification-URI when a consent or payment is created.
 */
import { Problem } from '../problems.js';
import { ClientValidationError } from '../store/clients.js';
import type { ResourceNotification } from '../store/resource-notifications.js';
import type { WebhookSettings, WebhookSettingsRepository } from '../store/webhooks.js';
import {
  checkAllowedHosts,
  checkEndpointUrl,
  type EndpointPolicy,
  wantsScaEvents,
} from './endpoint-rules.js';

/** The master key's purpose that seals webhook signing secrets (platform and CLI alike). */
export const WEBHOOK_SECRETS_KEY = 'webhook-secrets';

export interface WebhookChange {
  /** Replaces the list; left out, the stored list stays (or the URL's host starts it). */
  allowedHosts?: string[];
  /** `null` removes the endpoint (events stay in the feed). */
  url?: string | null;
  scaEvents?: boolean;
}

export class WebhookSettingsService {
  constructor(
    private readonly repository: WebhookSettingsRepository,
    private readonly policy: EndpointPolicy,
  ) {}

  get(clientId: string): Promise<WebhookSettings | undefined> {
    return this.repository.get(clientId);
  }

  /** Saves the change; the first time, the signing secret is made and answered, once. */
  async configure(
    clientId: string,
    change: WebhookChange,
  ): Promise<{ settings: WebhookSettings; secret?: string }> {
    const stored = await this.repository.get(clientId);
    let hosts = stored?.allowedHosts ?? [];
    if (change.allowedHosts) {
      const checked = checkAllowedHosts(change.allowedHosts, this.policy);
      if (!checked.ok) throw new ClientValidationError(checked.reason);
      hosts = checked.value;
    }
    let url = change.url === undefined ? (stored?.url ?? null) : change.url;
    if (url !== null) {
      // A first endpoint with no list names its own host: the list is that host.
      if (hosts.length === 0 && !change.allowedHosts) {
        const own = safeHost(url);
        if (own)
          hosts = (checkAllowedHosts([own], this.policy) as { value?: string[] }).value ?? [];
      }
      const checked = checkEndpointUrl(url, hosts, this.policy);
      if (!checked.ok) throw new ClientValidationError(`webhook URL: ${checked.reason}`);
      url = checked.value;
    }
    return this.repository.save(clientId, {
      allowedHosts: hosts,
      url,
      scaEvents: change.scaEvents ?? stored?.scaEvents ?? false,
    });
  }

  /** A new signing secret; the old one keeps signing beside it for `overlapHours`. */
  async rotateSecret(clientId: string, overlapHours: number): Promise<string> {
    const secret = await this.repository.rotateSecret(clientId, overlapHours * 3_600_000);
    if (!secret) {
      throw new ClientValidationError(
        `client ${clientId} has no webhook settings: bankbridge clients set-webhook first`,
      );
    }
    return secret;
  }

  /**
   * Takes the client's own endpoint away, keeping its hosts and secret (resources' own
   * endpoints still get their events, signed as before); what waited for it is given up.
   */
  async removeEndpoint(clientId: string): Promise<boolean> {
    const stored = await this.repository.get(clientId);
    if (!stored?.url) return false;
    await this.repository.save(clientId, {
      allowedHosts: stored.allowedHosts,
      url: null,
      scaEvents: stored.scaEvents,
    });
    await this.repository.giveUpPending(clientId, stored.url, 'webhook endpoint removed');
    return true;
  }

  remove(clientId: string): Promise<boolean> {
    return this.repository.remove(clientId);
  }

  /**
   * The resource's own endpoint from its creation's headers, or undefined when none was
   * named. A URI that is not https on one of the client's hosts is refused (400): silently
   * dropping it would leave the TPP waiting for notifications that never come.
   */
  async resourceNotification(
    clientId: string,
    uri: string | undefined,
    contentPreferred: string | undefined,
  ): Promise<ResourceNotification | undefined> {
    if (uri === undefined) return undefined;
    const settings = await this.repository.get(clientId);
    if (!settings) {
      throw Problem.format(
        'TPP-Notification-URI: this client has no webhook hosts registered; ask the operator to register them (bankbridge clients set-webhook)',
      );
    }
    const checked = checkEndpointUrl(uri, settings.allowedHosts, this.policy);
    if (!checked.ok) throw Problem.format(`TPP-Notification-URI: ${checked.reason}`);
    return { uri: checked.value, scaEvents: wantsScaEvents(contentPreferred) };
  }
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
