/**
 * What every step of the consent page shares: its setup (the provider, the banks, the calls
 * to the consent service), its URLs, and how it answers the browser.
 */
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { type Context, callContextOf } from '../../auth/provider-common.js';
import type { ConsentService } from '../../consents/consent-service.js';
import { bankTimeZone, localDate } from '../../consents/rules/index.js';
import type { BankWorkLimit } from '../../http/bank-work-limit.js';
import type { CallContext, Logger } from '../../logging/logger.js';
import type { AspspEntry, Registry } from '../../registry/types.js';
import type { ScaService } from '../../sca/index.js';
import type { SealedBox } from '../../security/sealed-box.js';
import { ConsentCalls } from './consent-calls.js';
import { clientIdOf } from './interaction.js';
import type { PageFrame } from './views.js';

export const CONSENT_PAGE_PATH = '/oauth/consent';
export const AISP_BANK_CALLBACK_PATH = '/oauth/bank-callback';

export interface ConsentPageOptions {
  provider: Provider;
  consents: ConsentService;
  sca: ScaService;
  registry: Registry;
  bankStateBox: SealedBox;
  /** The auth server's public base URL, without a trailing slash. */
  publicBase: string;
  logger: Logger;
  now: () => Date;
  /** Bounds the consents anyone may start here, per client and per source; none: unbounded. */
  bankWork?: BankWorkLimit | undefined;
}

export interface ConsentPage {
  provider: Provider;
  registry: Registry;
  banks: ReadonlyMap<string, AspspEntry>;
  consents: ConsentCalls;
  bankStateBox: SealedBox;
  publicBase: string;
  logger: Logger;
  now: () => Date;
  bankWork: BankWorkLimit | undefined;
  contentSecurityPolicy: string;
}

export function consentPage(options: ConsentPageOptions): ConsentPage {
  const { registry, publicBase } = options;
  return {
    provider: options.provider,
    registry,
    banks: new Map(registry.aspsps.map((bank) => [bank.bicFi, bank])),
    consents: new ConsentCalls(
      options.consents,
      options.sca,
      `${publicBase}${AISP_BANK_CALLBACK_PATH}`,
    ),
    bankStateBox: options.bankStateBox,
    publicBase,
    logger: options.logger,
    now: options.now,
    bankWork: options.bankWork,
    contentSecurityPolicy: contentSecurityPolicy(registry),
  };
}

/** The page's URL for a step of interaction `uid`; its first page without a step. */
export function pageUrl(uid: string, step = ''): string {
  return `${CONSENT_PAGE_PATH}/${uid}${step ? `/${step}` : ''}`;
}

export function callContext(page: ConsentPage, ctx: Context): CallContext {
  return callContextOf(ctx.req, page.logger);
}

export function sendHtml(page: ConsentPage, ctx: Context, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Security-Policy', page.contentSecurityPolicy);
  ctx.set('X-Frame-Options', 'DENY');
  // Never to the bank or the app: the page's URL names the interaction. (Not no-referrer:
  // browsers then send forms with `Origin: null`, which the origin check refuses.)
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.body = html;
}

export function redirect(ctx: Context, location: string): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 303;
  ctx.redirect(location);
}

/** A request of the browser to a step of its interaction (`uid`, from the path). */
export interface StepRequest {
  page: ConsentPage;
  ctx: Context;
  interaction: Interaction;
  uid: string;
  call: CallContext;
}

/** The app's name and the cancel form, around every page of the flow. */
export async function frameOf({ page, interaction, uid }: StepRequest): Promise<PageFrame> {
  const client = await page.provider.Client.find(clientIdOf(interaction));
  return { app: client?.clientName ?? 'The app', cancelUrl: pageUrl(uid, 'cancel') };
}

/** The bank's date today: a consent's validUntil is a date where the bank is. */
export function todayAt(page: ConsentPage, bank: AspspEntry): string {
  return localDate(page.now(), bankTimeZone(bank.isoCountryCode));
}

/** Scripts and styles from this host only; images also from where the banks' logos are. */
function contentSecurityPolicy(registry: Registry): string {
  const logoOrigins = new Set<string>();
  for (const bank of registry.aspsps) {
    try {
      logoOrigins.add(new URL(bank.logoUrl).origin);
    } catch {
      // A relative logo URL is on this host.
    }
  }
  return [
    "default-src 'none'",
    `img-src 'self' data: ${[...logoOrigins].join(' ')}`.trim(),
    "style-src 'self'",
    "script-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}
