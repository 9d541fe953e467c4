/**
 * The hosted consent page of the AISP API's authorization-code flow: the interaction
 * `/oauth/authorize` sends the browser to. It runs inside the AISP OAuth server (as Koa
 * middleware) so that the provider's interaction cookie and results are at hand.
 *
 *   GET  /oauth/consent/:uid                 what the app asks for; country and bank
 *   GET  /oauth/consent/:uid/bank/:bic       the terms at that bank; IBANs where named here
 *   POST /oauth/consent/:uid/bank/:bic       consent and authorisation created, SCA started:
 *                                            to the bank's page, or to the BankID page
 *   GET  /oauth/consent/:uid/bankid          QR code; polls .../status (or reloads itself)
 *   GET  /oauth/consent/:uid/status          JSON: pending, or where to go now
 *   GET  /oauth/bank-callback                the bank is done (redirect SCA): to bank-return
 *   GET  /oauth/consent/:uid/bank-return     the bank's answer read, the consent made valid
 *   POST /oauth/consent/:uid/cancel          back to the app with access_denied
 *
 * Once the consent is valid the interaction ends with a grant whose account is the consent,
 * and oidc-provider sends the browser to the app's redirect URI with a code and its state.
 * The consent, SCA and bank calls are the Consent service's, as on `/psd2`.
 */
import type Provider from 'oidc-provider';
import { errors, type Interaction, type InteractionResults } from 'oidc-provider';
import { OAuthError, oauthErrorOf } from '../auth/oauth-error.js';
import { type Context, callContextOf, type Middleware } from '../auth/provider-common.js';
import { openBankState, sealBankState } from '../auth/redirect-sca.js';
import type { ConsentService } from '../consents/consent-service.js';
import { bankTimeZone, localDate, TERMINAL_CONSENT_STATUSES } from '../consents/rules/index.js';
import { readAssets } from '../http/static-assets.js';
import type { CallContext, Logger } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AspspEntry, Registry } from '../registry/types.js';
import type { ScaService } from '../sca/index.js';
import { bankIdLink, qrCodeDataUrl } from '../sca/qr-code.js';
import type { SealedBox } from '../security/sealed-box.js';
import { consentBody, consentTerms, parseIbanList } from './consent-request.js';
import {
  ASSETS_PATH,
  bankIdPage,
  bankPage,
  chooseBankPage,
  type PageFrame,
  problemPage,
} from './consent-views.js';
import { type AispScope, consentSubject, parseAispScope } from './scopes.js';
import { parseValidityDays, VALIDITY_PARAM } from './validity.js';

export const CONSENT_PAGE_PATH = '/oauth/consent';
export const AISP_BANK_CALLBACK_PATH = '/oauth/bank-callback';

/** What the page keeps in the interaction between requests, once a consent exists. */
interface FlowState {
  bic: string;
  consentId: string;
  authorisationId: string;
  approach: 'REDIRECT' | 'DECOUPLED';
  autoStartToken?: string;
  psuMessage?: string;
}
const STATE_KEY = 'bankbridgeAisp';

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
}

const ASSET_TYPES = {
  'consent.css': 'text/css; charset=utf-8',
  'consent.js': 'application/javascript; charset=utf-8',
};

export function consentPageRoutes(options: ConsentPageOptions): Middleware {
  const { provider, consents, registry, bankStateBox, publicBase, logger } = options;
  const banks = new Map(registry.aspsps.map((bank) => [bank.bicFi, bank]));
  const bankRedirectUri = `${publicBase}${AISP_BANK_CALLBACK_PATH}`;
  const route = new RegExp(
    `^${CONSENT_PAGE_PATH}/([A-Za-z0-9_-]{1,64})(?:/(bank/([A-Z0-9]{8}(?:[A-Z0-9]{3})?)|bankid|status|bank-return|cancel))?$`,
  );
  const assets = readAssets(new URL('./assets/', import.meta.url), ASSET_TYPES);
  const csp = contentSecurityPolicy(registry);

  const callContext = (ctx: Context): CallContext => callContextOf(ctx.req, logger);

  function pageUrl(uid: string, step = ''): string {
    return `${CONSENT_PAGE_PATH}/${uid}${step ? `/${step}` : ''}`;
  }

  function send(ctx: Context, status: number, html: string): void {
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', csp);
    ctx.set('X-Frame-Options', 'DENY');
    // Never to the bank or the app: the page's URL names the interaction. (Not no-referrer:
    // browsers then send forms with `Origin: null`, which the origin check refuses.)
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.body = html;
  }

  function redirect(ctx: Context, location: string): void {
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 303;
    ctx.redirect(location);
  }

  /** The interaction this browser is in, if it is the one in the path; else an error page. */
  async function interactionFor(ctx: Context, uid: string): Promise<Interaction | undefined> {
    try {
      const interaction = await provider.interactionDetails(ctx.req, ctx.res);
      if (interaction.uid === uid) return interaction;
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
    }
    send(
      ctx,
      400,
      problemPage(
        undefined,
        'This page has expired',
        'This connection has expired, was already completed, or was started in another browser. Go back to the app and start again.',
      ),
    );
    return undefined;
  }

  /** Ends the interaction; the provider then sends the browser to the app. */
  async function finish(ctx: Context, result: InteractionResults): Promise<string> {
    return provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: false,
    });
  }

  /** The consent is valid: a grant for it, and the browser on to the app with a code. */
  async function grantAndFinish(
    ctx: Context,
    interaction: Interaction,
    state: FlowState,
  ): Promise<string> {
    const accountId = consentSubject(state.consentId);
    const grant = new provider.Grant({ accountId, clientId: clientIdOf(interaction) });
    grant.addOIDCScope(scopesOf(interaction).join(' '));
    const grantId = await grant.save();
    callContext(ctx).logger.info(
      { consentId: state.consentId, bic: state.bic },
      'AISP consent given; the app gets its code',
    );
    // Not remembered: every authorization is one consent, never a login to reuse.
    return finish(ctx, { login: { accountId, remember: false }, consent: { grantId } });
  }

  async function frameOf(interaction: Interaction, uid: string): Promise<PageFrame> {
    const client = await provider.Client.find(clientIdOf(interaction));
    return { app: client?.clientName ?? 'The app', cancelUrl: pageUrl(uid, 'cancel') };
  }

  function today(bank: AspspEntry): string {
    return localDate(options.now(), bankTimeZone(bank.isoCountryCode));
  }

  // ---- the steps ----------------------------------------------------------------------

  async function chooseBank(ctx: Context, interaction: Interaction, uid: string) {
    const frame = await frameOf(interaction, uid);
    const asked = stringParam(ctx.query.country)?.toUpperCase();
    const country =
      registry.countries.find((c) => c.isoCountryCode === asked) ?? registry.countries[0];
    const inCountry = registry.aspsps.filter(
      (bank) => bank.isoCountryCode === country?.isoCountryCode,
    );
    const days = validityOf(interaction) ?? maxValidity(registry);
    send(
      ctx,
      200,
      chooseBankPage({
        ...frame,
        scopes: shownScopes(interaction),
        days,
        countries: registry.countries,
        country,
        banks: inCountry,
        bankUrl: (bic) => pageUrl(uid, `bank/${bic}`),
        formAction: pageUrl(uid),
      }),
    );
  }

  async function showBank(
    ctx: Context,
    interaction: Interaction,
    uid: string,
    bank: AspspEntry,
    status = 200,
    extra: { error?: string; ibans?: string } = {},
  ) {
    const frame = await frameOf(interaction, uid);
    send(
      ctx,
      status,
      bankPage({
        ...frame,
        bank,
        scopes: shownScopes(interaction),
        terms: consentTerms(bank, validityOf(interaction), today(bank)),
        formAction: pageUrl(uid, `bank/${bank.bicFi}`),
        backUrl: `${pageUrl(uid)}?country=${bank.isoCountryCode}`,
        ...extra,
      }),
    );
  }

  /** POST .../bank/:bic: the consent at the bank, its authorisation, and the SCA started. */
  async function start(ctx: Context, interaction: Interaction, uid: string, bank: AspspEntry) {
    const call = callContext(ctx);
    const form = await readForm(ctx);
    if (!form) {
      // The user's mistake (or a script's), not Bankbridge's: no 500, no error in the log.
      return send(
        ctx,
        413,
        problemPage(undefined, 'Request refused', 'This form is too large to be sent here.'),
      );
    }
    const approach = form.get('approach');
    if (approach !== 'REDIRECT' && approach !== 'DECOUPLED') {
      return showBank(ctx, interaction, uid, bank, 400, { error: 'Choose how to log in.' });
    }
    if (!bank.connector.scaApproaches.includes(approach)) {
      return showBank(ctx, interaction, uid, bank, 400, {
        error: `${bank.name} does not offer this way to log in.`,
      });
    }
    const terms = consentTerms(bank, validityOf(interaction), today(bank));
    let ibans: string[] = [];
    if (!terms.bankOffered) {
      const typed = form.get('ibans') ?? '';
      const parsed = parseIbanList(typed);
      if (!parsed.ok) {
        return showBank(ctx, interaction, uid, bank, 400, { error: parsed.problem, ibans: typed });
      }
      ibans = parsed.ibans;
    }
    const clientId = clientIdOf(interaction);
    const previous = stateOf(interaction);
    if (previous) await endQuietly(call, clientId, previous.consentId);

    let state: FlowState;
    let createdId: string | undefined;
    try {
      const created = await consents.create(call, {
        clientId,
        bic: bank.bicFi,
        body: consentBody(terms, scopesOf(interaction), ibans),
        // The user is here, in this browser: the bank gets their address and browser.
        psu: { ipAddress: ctx.ip, userAgent: ctx.get('user-agent') || undefined },
        psuContext: 'private',
        tppRedirectPreferred: approach === 'REDIRECT',
      });
      createdId = created.consent.id;
      const ref = { clientId, consentId: created.consent.id };
      const started = await consents.startAuthorisation(call, ref);
      const selected = await consents.selectMethod(call, {
        ...ref,
        authorisationId: started.authorisation.id,
        body: { authenticationMethodId: approach === 'DECOUPLED' ? 'mbid' : 'redirect' },
        psu: { ipAddress: ctx.ip, userAgent: ctx.get('user-agent') || undefined },
      });
      state = {
        bic: bank.bicFi,
        consentId: created.consent.id,
        authorisationId: started.authorisation.id,
        approach: selected.approach,
        ...(selected.approach === 'DECOUPLED'
          ? { autoStartToken: selected.autoStartToken, psuMessage: selected.psuMessage }
          : {}),
      };
    } catch (error) {
      // A consent made before a later step failed would wait at the bank for nobody.
      if (createdId) await endQuietly(call, clientId, createdId);
      return showBank(ctx, interaction, uid, bank, statusOf(error), {
        error: userMessage(call, error, bank),
        ibans: form.get('ibans') ?? '',
      });
    }
    await saveState(interaction, state);

    if (state.approach === 'DECOUPLED') return redirect(ctx, pageUrl(uid, 'bankid'));
    try {
      const bankUrl = await options.sca.beginRedirect(call, {
        clientId,
        bic: bank.bicFi,
        kind: 'consent',
        resourceId: state.consentId,
        authorisationId: state.authorisationId,
        bankRedirectUri,
        state: sealBankState(bankStateBox, {
          uid,
          kind: 'consent',
          resourceId: state.consentId,
          authorisationId: state.authorisationId,
        }),
      });
      call.logger.info({ consentId: state.consentId, bic: bank.bicFi }, 'user sent to the bank');
      return redirect(ctx, bankUrl);
    } catch (error) {
      await endQuietly(call, clientId, state.consentId);
      return showBank(ctx, interaction, uid, bank, statusOf(error), {
        error: userMessage(call, error, bank),
      });
    }
  }

  /** Where the decoupled SCA stands: pending, or the URL to go on to (the app). */
  async function decoupledProgress(
    ctx: Context,
    interaction: Interaction,
  ): Promise<{ location?: string; message?: string }> {
    if (interaction.result?.login) return { location: interaction.returnTo };
    const state = stateOf(interaction);
    if (state?.approach !== 'DECOUPLED') {
      return { location: pageUrl(interaction.uid) };
    }
    const call = callContext(ctx);
    const ref = { clientId: clientIdOf(interaction), consentId: state.consentId };
    let status: string;
    try {
      status = (await consents.get(call, ref)).status;
    } catch (error) {
      // The bank did not answer this time: the next poll asks again.
      if (error instanceof Problem && error.statusCode === 503) {
        return { message: 'Your bank is slow to answer; still waiting…' };
      }
      throw error;
    }
    if (status === 'received') return {};
    if (status === 'valid') return { location: await grantAndFinish(ctx, interaction, state) };
    call.logger.info({ consentId: state.consentId, status }, 'decoupled SCA not completed');
    return {
      location: await finish(ctx, {
        error: 'access_denied',
        error_description:
          status === 'rejected'
            ? 'the user did not confirm the access in BankID'
            : `the consent is ${status}`,
      }),
    };
  }

  async function bankId(ctx: Context, interaction: Interaction, uid: string) {
    const progress = await decoupledProgress(ctx, interaction);
    if (progress.location) return redirect(ctx, progress.location);
    const state = stateOf(interaction) as FlowState;
    const token = state.autoStartToken ?? '';
    send(
      ctx,
      200,
      bankIdPage({
        ...(await frameOf(interaction, uid)),
        bankName: banks.get(state.bic)?.name ?? state.bic,
        qrCode: qrCodeDataUrl(bankIdLink(token)),
        appLink: `${bankIdLink(token)}&redirect=null`,
        psuMessage: state.psuMessage ?? '',
        statusUrl: pageUrl(uid, 'status'),
        selfUrl: pageUrl(uid, 'bankid'),
        // A sandbox bank's users are test persons: its BankID simulator stands in for the phone.
        ...(banks.get(state.bic)?.sandbox
          ? {
              simulatorUrl: `${registry.urls.sandboxUrl}/bankid?autostarttoken=${encodeURIComponent(token)}`,
            }
          : {}),
      }),
    );
  }

  async function status(ctx: Context, interaction: Interaction) {
    const progress = await decoupledProgress(ctx, interaction);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'json';
    ctx.body = progress.location
      ? { status: 'done', location: progress.location }
      : { status: 'pending', ...(progress.message ? { message: progress.message } : {}) };
  }

  /** GET /oauth/bank-callback: the interaction cookie is scoped to the page, so go there. */
  function bankCallback(ctx: Context): void {
    const state = openBankState(bankStateBox, stringParam(ctx.query.state));
    if (!state) {
      send(
        ctx,
        400,
        problemPage(
          undefined,
          'We could not match your bank’s answer',
          'The bank sent you back without a valid reference to this connection. Go back to the app and start again.',
        ),
      );
      return;
    }
    redirect(ctx, `${publicBase}${pageUrl(state.uid, 'bank-return')}?${ctx.querystring}`);
  }

  async function bankReturn(ctx: Context, interaction: Interaction, uid: string) {
    const call = callContext(ctx);
    const sealed = openBankState(bankStateBox, stringParam(ctx.query.state));
    const state = stateOf(interaction);
    if (
      !sealed ||
      !state ||
      sealed.uid !== uid ||
      sealed.resourceId !== state.consentId ||
      sealed.authorisationId !== state.authorisationId
    ) {
      call.logger.warn({ uid }, 'bank callback does not match its interaction');
      return redirect(
        ctx,
        await finish(ctx, {
          error: 'invalid_request',
          error_description: "the bank's answer does not belong to this authorization",
        }),
      );
    }
    const callback: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(ctx.querystring)) {
      if (!(name in callback)) callback[name] = value;
    }
    const ids = {
      kind: 'consent',
      resourceId: state.consentId,
      authorisationId: state.authorisationId,
    };
    try {
      const outcome = await options.sca.bankReturned(call, { ...ids, bankRedirectUri, callback });
      if (!outcome.ok) {
        const refused = oauthErrorOf(outcome.problem, 'authorization');
        call.logger.info({ ...ids, error: refused.error }, 'SCA not completed at the bank');
        return redirect(
          ctx,
          await finish(ctx, { error: refused.error, error_description: refused.description }),
        );
      }
      // Unlike /connect's redirect SCA, the app redeems a code for the consent, not for the
      // bank's code: the bank's code is exchanged now and the consent is valid before the app
      // hears of it.
      await options.sca.finishRedirect(call, { clientId: clientIdOf(interaction), ...ids });
    } catch (error) {
      const refused = error instanceof Problem ? oauthErrorOf(error, 'token') : undefined;
      const refusal = refused
        ? { error: refused.error, error_description: refused.description }
        : { error: 'server_error', error_description: 'the consent could not be completed' };
      if (!refused) call.logger.error({ err: error }, 'bank return failed');
      return redirect(ctx, await finish(ctx, refusal));
    }
    return redirect(ctx, await grantAndFinish(ctx, interaction, state));
  }

  async function cancel(ctx: Context, interaction: Interaction) {
    const call = callContext(ctx);
    const state = stateOf(interaction);
    if (state) await endQuietly(call, clientIdOf(interaction), state.consentId);
    call.logger.info({ consentId: state?.consentId }, 'the user cancelled on the consent page');
    redirect(
      ctx,
      await finish(ctx, {
        error: 'access_denied',
        error_description: 'the user cancelled the connection',
      }),
    );
  }

  /** A consent the user left behind (cancelled, or replaced by another bank) is deleted. */
  async function endQuietly(call: CallContext, clientId: string, consentId: string) {
    try {
      const consent = await consents.get(call, { clientId, consentId });
      if (!TERMINAL_CONSENT_STATUSES.has(consent.status as never)) {
        await consents.delete(call, { clientId, consentId });
      }
    } catch (error) {
      call.logger.warn({ err: error, consentId }, 'could not delete an unfinished consent');
    }
  }

  function asset(ctx: Context, name: string): boolean {
    const asset = assets.get(name);
    if (!asset) return false;
    ctx.status = 200;
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = asset.body;
    return true;
  }

  return async (ctx, next) => {
    try {
      if (ctx.method === 'GET' && ctx.path.startsWith(`${ASSETS_PATH}/`)) {
        if (asset(ctx, ctx.path.slice(ASSETS_PATH.length + 1))) return;
        return next();
      }
      if (ctx.method === 'GET' && ctx.path === AISP_BANK_CALLBACK_PATH) return bankCallback(ctx);
      const match = route.exec(ctx.path);
      if (!match?.[1]) return next();
      const uid = match[1];
      const step = match[2] ?? '';
      const post = ctx.method === 'POST';
      if (!post && ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
      // Forms post to this origin only; a browser says where a form came from.
      if (post && !sameOrigin(ctx.get('origin'), publicBase)) {
        return send(
          ctx,
          403,
          problemPage(undefined, 'Request refused', 'This form was sent from another site.'),
        );
      }
      const interaction = await interactionFor(ctx, uid);
      if (!interaction) return;
      const bic = match[3];
      if (bic) {
        const bank = banks.get(bic);
        if (!bank) return chooseBank(ctx, interaction, uid);
        return post ? start(ctx, interaction, uid, bank) : showBank(ctx, interaction, uid, bank);
      }
      if (post) return step === 'cancel' ? cancel(ctx, interaction) : next();
      switch (step) {
        case '':
          return chooseBank(ctx, interaction, uid);
        case 'bankid':
          return bankId(ctx, interaction, uid);
        case 'status':
          return status(ctx, interaction);
        case 'bank-return':
          return bankReturn(ctx, interaction, uid);
        default:
          return next();
      }
    } catch (error) {
      callContext(ctx).logger.error({ err: error }, 'consent page failed');
      send(
        ctx,
        500,
        problemPage(
          undefined,
          'Something went wrong',
          'Something went wrong on our side. Go back to the app and try again later.',
        ),
      );
    }
  };
}

// ---- helpers ---------------------------------------------------------------------------

function clientIdOf(interaction: Interaction): string {
  return String(interaction.params.client_id);
}

function scopesOf(interaction: Interaction): AispScope[] {
  const parsed = parseAispScope(stringParam(interaction.params.scope));
  return parsed.ok ? parsed.scopes : [];
}

/** What the user is told is shared: balances and transactions come with their accounts. */
function shownScopes(interaction: Interaction): AispScope[] {
  return ['accounts', ...scopesOf(interaction).filter((scope) => scope !== 'accounts')];
}

function validityOf(interaction: Interaction): number | undefined {
  // Checked at /oauth/authorize: a value that is here is a valid one.
  return parseValidityDays(stringParam(interaction.params[VALIDITY_PARAM]));
}

function maxValidity(registry: Registry): number {
  return Math.max(...registry.aspsps.map((bank) => bank.consent.maxValidityDays), 1);
}

function stateOf(interaction: Interaction): FlowState | undefined {
  const state = (interaction.result as Record<string, unknown> | undefined)?.[STATE_KEY];
  return state && typeof state === 'object' ? (state as FlowState) : undefined;
}

async function saveState(interaction: Interaction, state: FlowState): Promise<void> {
  interaction.result = { [STATE_KEY]: state } as InteractionResults;
  await interaction.persist();
}

function statusOf(error: unknown): number {
  if (error instanceof Problem) return error.statusCode >= 500 ? 503 : 400;
  if (error instanceof OAuthError) return error.status >= 500 ? 503 : 400;
  return 500;
}

/** A failure as the user reads it: the bank's trouble, what to fix, or ours. */
function userMessage(call: CallContext, error: unknown, bank: AspspEntry): string {
  if (error instanceof Problem && error.statusCode < 500) {
    call.logger.info({ code: error.code, text: error.text }, 'consent request refused');
    return `${bank.name} did not accept this: ${error.text}`;
  }
  if ((error instanceof Problem || error instanceof OAuthError) && statusOf(error) === 503) {
    call.logger.warn({ err: error }, 'the bank could not be reached from the consent page');
    return `${bank.name} could not be reached just now. Try again in a moment, or choose another bank.`;
  }
  if (error instanceof OAuthError) return error.description;
  call.logger.error({ err: error }, 'consent page step failed');
  return 'Something went wrong on our side. Try again in a moment.';
}

/** The posted form; undefined when it is over `limit` bytes. */
async function readForm(ctx: Context, limit = 16 * 1024): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sameOrigin(origin: string, base: string): boolean {
  // No Origin (an old browser, a test client) is left to SameSite cookies, which a form from
  // another site does not carry.
  if (!origin) return true;
  try {
    return new URL(base).origin === origin;
  } catch {
    return false;
  }
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
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
