import type Provider from 'oidc-provider';
import { errors, type Interaction, type InteractionResults } from 'oidc-provider';
import { parseTypedIbans } from '../consents/rules/index.js';
import type { CallContext, Logger } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { OnPageProgress } from '../sca/decoupled-on-page.js';
import type { PsuInfo } from '../sca/psu.js';
import { bankIdLink, qrCodeDataUrl } from '../sca/qr-code.js';
import { choiceKey } from '../sca/redirect-sca.js';
import type { AccountChoice, StepAfterBank, StepBeforeBank } from '../sca/subject.js';
import type { SealedBox } from '../security/sealed-box.js';
import { accountStepPage, pickStepPage } from './account-step-page.js';
import { type BankIdPageStatus, bankIdStepPage } from './bankid-step-page.js';
import { errorPage } from './error-page.js';
import { postedFromHere, readForm } from './forms.js';
import { type LoginTarget, loginAccountId, parseAcrValues } from './login-parameters.js';
import { oauthErrorOf } from './oauth-error.js';
import { type Context, callContextOf, type Middleware, withoutCookie } from './provider-common.js';
import {
  BANK_CALLBACK_PATH,
  type BankReturnOutcome,
  type BeginRedirect,
  INTERACTION_PATH,
  openBankState,
  type RedirectScaService,
  sealBankState,
} from './redirect-sca.js';

/**
 * The parameter `acr_values` travels in inside the provider. oidc-provider accepts
 * `acr_values` only with the `openid` scope, and TPPs ask for `accountinformation private`:
 * the value is moved to an extra parameter of Bankbridge's before the provider reads it.
 */
export const ACR_PARAM = 'bankbridge_acr_values';

export interface RedirectScaRoutesOptions {
  provider: Provider;
  /** Absent on a server without the SCA engine: every redirect SCA then ends in an error. */
  service: RedirectScaService | undefined;
  stateBox: SealedBox;
  /** The auth server's public base URL, without a trailing slash. */
  publicBase: string;
  authorizationPath: string;
  logger: Logger;
}

/**
 * The routes of the redirect SCA that oidc-provider does not have: the interaction that sends
 * the browser to the bank, and the callback the bank sends it back to. They run inside the
 * provider (as Koa middleware) so that its cookies and interactions are at hand.
 */
export function redirectScaRoutes(options: RedirectScaRoutesOptions): Middleware {
  const { provider, stateBox, publicBase, logger } = options;
  const bankRedirectUri = `${publicBase}${BANK_CALLBACK_PATH}`;
  const sessionCookie = provider.cookieName('session');
  const interactionRoute = new RegExp(
    `^${INTERACTION_PATH}/([A-Za-z0-9_-]{1,64})(/bank-return|/accounts|/pick|/cancel|/bankid|/bankid/status|/bankid/done)?$`,
  );

  const callContext = (ctx: Context): CallContext => callContextOf(ctx.req, logger);

  /** The interaction this browser is in, if it is the one in the path. */
  async function interactionFor(
    ctx: Context,
    uid: string,
    quiet = false,
  ): Promise<Interaction | undefined> {
    try {
      const interaction = await provider.interactionDetails(ctx.req, ctx.res);
      if (interaction.uid === uid) return interaction;
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
    }
    if (quiet) return undefined;
    showError(
      ctx,
      400,
      'invalid_request',
      'This authentication has expired, was already completed, or was started in another browser. Start again from the application.',
    );
    return undefined;
  }

  /** Ends the interaction; oidc-provider then redirects to the TPP with a code or an error. */
  async function finish(ctx: Context, result: InteractionResults): Promise<void> {
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: false,
    });
    redirect(ctx, returnTo);
  }

  function refusal(call: CallContext, error: unknown, step: string): InteractionResults {
    if (error instanceof Problem) {
      const refused = oauthErrorOf(error, 'authorization');
      call.logger.info(
        { error: refused.error, description: refused.description },
        `${step} refused`,
      );
      return { error: refused.error, error_description: refused.description };
    }
    call.logger.error({ err: error }, `${step} failed`);
    return {
      error: 'server_error',
      error_description: 'Bankbridge could not complete the authentication with the bank',
    };
  }

  /** GET /connect/interaction/:uid: the resource is checked, the browser goes to the bank. */
  async function startAtBank(ctx: Context, uid: string): Promise<void> {
    const interaction = await interactionFor(ctx, uid);
    if (!interaction) return;
    const call = callContext(ctx);
    const acr = parseAcrValues(stringParam(interaction.params[ACR_PARAM]));
    if (!acr.ok) return finish(ctx, { error: 'invalid_request', error_description: acr.problem });
    if (!options.service) {
      return finish(ctx, {
        error: 'temporarily_unavailable',
        error_description: 'this server does not offer redirect SCA',
      });
    }
    const { bic, kind, resourceId, authorisationId } = acr.target;
    if (!options.service.kinds().includes(kind)) {
      return finish(ctx, {
        error: 'invalid_request',
        error_description: `this server does not authorise a ${kind} yet`,
      });
    }
    const begin = beginOf(interaction, uid, acr.target);
    let bankUrl: string;
    try {
      const step = await options.service.stepBeforeBank(call, begin);
      if (step) return await showAccountStep(ctx, interaction, step);
      // Back on this page while the bank's BankID runs on Bankbridge's: that page again.
      if (await options.service.decoupledOnPage(call, begin)) {
        return redirect(ctx, `${publicBase}${INTERACTION_PATH}/${uid}/bankid`);
      }
      bankUrl = await options.service.beginRedirect(call, begin);
    } catch (error) {
      return finish(ctx, refusal(call, error, 'redirect SCA start'));
    }
    call.logger.info({ kind, resourceId, authorisationId, bic }, 'PSU sent to the bank for SCA');
    redirect(ctx, bankUrl);
  }

  /** What a redirect step of this interaction names: its client, resource and bank state. */
  function beginOf(interaction: Interaction, uid: string, target: LoginTarget): BeginRedirect {
    const { bic, kind, resourceId, authorisationId } = target;
    return {
      clientId: String(interaction.params.client_id),
      bic,
      kind,
      resourceId,
      authorisationId,
      bankRedirectUri,
      state: sealBankState(stateBox, { uid, kind, resourceId, authorisationId }),
    };
  }

  async function showAccountStep(
    ctx: Context,
    interaction: Interaction,
    step: StepBeforeBank,
    form: { typed?: string; error?: string } = {},
  ): Promise<void> {
    const client = await provider.Client.find(String(interaction.params.client_id));
    const base = `${publicBase}${INTERACTION_PATH}/${interaction.uid}`;
    ctx.status = form.error ? 400 : 200;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = accountStepPage({
      app: client?.clientName ?? 'The app',
      bankName: step.bankName,
      bankIdNext: step.bankIdOnPage,
      formAction: `${base}/accounts`,
      cancelAction: `${base}/cancel`,
      typed: form.typed,
      error: form.error,
    });
  }

  /**
   * A form posted on one of Bankbridge's pages of this interaction: from this origin, of a
   * sane size, in the interaction's browser, for a resource the SCA engine knows. Undefined
   * when the answer has been given already.
   */
  async function postedForm(ctx: Context, uid: string) {
    if (!postedFromHere(ctx, publicBase)) {
      showError(ctx, 403, 'invalid_request', 'This form was not sent from a Bankbridge page.');
      return undefined;
    }
    const form = await readForm(ctx);
    if (!form) {
      showError(ctx, 413, 'invalid_request', 'The form is too large.');
      return undefined;
    }
    const interaction = await interactionFor(ctx, uid);
    if (!interaction) return undefined;
    const call = callContext(ctx);
    const acr = parseAcrValues(stringParam(interaction.params[ACR_PARAM]));
    if (!acr.ok || !options.service) {
      await finish(ctx, {
        error: 'invalid_request',
        error_description: acr.ok ? 'this server does not offer redirect SCA' : acr.problem,
      });
      return undefined;
    }
    const begin = beginOf(interaction, uid, acr.target);
    return { interaction, form, call, begin, service: options.service };
  }

  /**
   * POST /connect/interaction/:uid/accounts or /cancel: the PSU's answer on Bankbridge's page.
   * Named accounts set the consent up at the bank and the browser goes there; a cancel ends the
   * SCA as a refusal, and the TPP hears `access_denied`.
   */
  async function accountStep(ctx: Context, uid: string, action: string): Promise<void> {
    const posted = await postedForm(ctx, uid);
    if (!posted) return;
    const { interaction, form, call, begin } = posted;
    const service = posted.service;
    try {
      if (action === '/cancel') {
        const problem = await service.cancelRedirect(call, begin);
        call.logger.info({ resourceId: begin.resourceId }, "PSU cancelled on Bankbridge's page");
        const refused = oauthErrorOf(problem, 'authorization');
        return finish(ctx, { error: refused.error, error_description: refused.description });
      }
      const step = await service.stepBeforeBank(call, begin);
      const typed = form.get('ibans') ?? '';
      const parsed = parseTypedIbans(typed);
      if (step && !parsed.ok) {
        return showAccountStep(ctx, interaction, step, { typed, error: parsed.problem });
      }
      const next = await service.answerStepBeforeBank(call, {
        ...begin,
        answer: { ibans: parsed.ok ? parsed.ibans : [], psu: psuOf(ctx) },
      });
      if ('bankIdOnPage' in next) {
        call.logger.info(
          { resourceId: begin.resourceId },
          "PSU sent to BankID on Bankbridge's page",
        );
        return redirect(ctx, `${publicBase}${INTERACTION_PATH}/${uid}/bankid`);
      }
      call.logger.info({ resourceId: begin.resourceId }, 'PSU sent to the bank for SCA');
      redirect(ctx, next.bankUrl);
    } catch (error) {
      if (error instanceof Problem && error.code === 'FORMAT_ERROR') {
        // The bank would not take what was typed (an account number it does not know the form
        // of): the PSU may correct it, as on a mistyped IBAN.
        const step = await service.stepBeforeBank(call, begin).catch(() => undefined);
        if (step) {
          return showAccountStep(ctx, interaction, step, {
            typed: form.get('ibans') ?? '',
            error: `${step.bankName} did not accept these account numbers. Check them and try again.`,
          });
        }
      }
      return finish(ctx, refusal(call, error, 'account step'));
    }
  }

  /**
   * GET /connect/bank-callback: the bank is done. The interaction cookie is scoped to the
   * interaction's path, so the browser is sent there first; the sealed state says which.
   */
  function bankCallback(ctx: Context): void {
    const state = openBankState(stateBox, stringParam(ctx.query.state));
    if (!state) {
      showError(
        ctx,
        400,
        'invalid_request',
        'The bank sent you back without a valid reference to your authentication. Start again from the application.',
      );
      return;
    }
    redirect(ctx, `${publicBase}${INTERACTION_PATH}/${state.uid}/bank-return?${ctx.querystring}`);
  }

  /** GET /connect/interaction/:uid/bank-return: the bank's answer decides the TPP's. */
  async function bankReturn(ctx: Context, uid: string): Promise<void> {
    const interaction = await interactionFor(ctx, uid);
    if (!interaction) return;
    const call = callContext(ctx);
    const state = openBankState(stateBox, stringParam(ctx.query.state));
    const acr = parseAcrValues(stringParam(interaction.params[ACR_PARAM]));
    if (
      !state ||
      !acr.ok ||
      state.uid !== uid ||
      state.kind !== acr.target.kind ||
      state.resourceId !== acr.target.resourceId ||
      state.authorisationId !== acr.target.authorisationId ||
      !options.service
    ) {
      call.logger.warn({ uid }, 'bank callback does not match its interaction');
      return finish(ctx, {
        error: 'invalid_request',
        error_description: "the bank's answer does not belong to this authorisation",
      });
    }
    const { kind, resourceId, authorisationId } = state;
    const callback: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(ctx.querystring)) {
      if (!(name in callback)) callback[name] = value;
    }
    let outcome: BankReturnOutcome;
    try {
      outcome = await options.service.bankReturned(call, {
        kind,
        resourceId,
        authorisationId,
        bankRedirectUri,
        callback,
      });
    } catch (error) {
      return finish(ctx, refusal(call, error, 'bank callback'));
    }
    if (!outcome.ok) {
      const refused = oauthErrorOf(outcome.problem, 'authorization');
      call.logger.info({ resourceId, authorisationId, error: refused.error }, 'SCA not completed');
      return finish(ctx, { error: refused.error, error_description: refused.description });
    }

    let after: Awaited<ReturnType<RedirectScaService['stepAfterBank']>>;
    try {
      after = await options.service.stepAfterBank(call, { ...state, psu: psuOf(ctx) });
    } catch (error) {
      return finish(ctx, refusal(call, error, 'account pick'));
    }
    if (after) return showPickStep(ctx, interaction, after);
    return grantAndFinish(ctx, interaction, state);
  }

  /** The SCA is done at the bank (and on Bankbridge's page): the TPP gets its code. */
  async function grantAndFinish(
    ctx: Context,
    interaction: Interaction,
    target: { kind: string; resourceId: string; authorisationId: string },
  ): Promise<void> {
    const { kind, resourceId, authorisationId } = target;
    const clientId = String(interaction.params.client_id);
    const accountId = loginAccountId({ kind, resourceId, authorisationId });
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(stringParam(interaction.params.scope) ?? '');
    const grantId = await grant.save();
    callContext(ctx).logger.info(
      { kind, resourceId, authorisationId },
      'SCA completed at the bank',
    );
    // Not remembered: every authorisation is one resource's SCA, never a login to reuse.
    return finish(ctx, { login: { accountId, remember: false }, consent: { grantId } });
  }

  async function showPickStep(
    ctx: Context,
    interaction: Interaction,
    after: { step: StepAfterBank; choices: AccountChoice[] },
    form: { ticked?: string[]; error?: string } = {},
  ): Promise<void> {
    const client = await provider.Client.find(String(interaction.params.client_id));
    const base = `${publicBase}${INTERACTION_PATH}/${interaction.uid}`;
    ctx.status = form.error ? 400 : 200;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = pickStepPage({
      app: client?.clientName ?? 'The app',
      bankName: after.step.bankName,
      formAction: `${base}/pick`,
      cancelAction: `${base}/cancel`,
      choices: after.choices.map((choice) => ({
        key: choiceKey(choice),
        name: choice.name,
        number: choice.iban ?? choice.bban ?? '',
        ...(choice.currency ? { currency: choice.currency } : {}),
      })),
      ticked: form.ticked,
      error: form.error,
    });
  }

  /** POST /connect/interaction/:uid/pick: the accounts ticked; then the TPP gets its code. */
  async function pickStep(ctx: Context, uid: string): Promise<void> {
    const posted = await postedForm(ctx, uid);
    if (!posted) return;
    const { interaction, form, call, begin, service } = posted;
    const target = {
      kind: begin.kind,
      resourceId: begin.resourceId,
      authorisationId: begin.authorisationId,
    };
    const picked = form.getAll('account');
    try {
      await service.answerStepAfterBank(call, { ...target, psu: psuOf(ctx), picked });
    } catch (error) {
      if (error instanceof Problem && error.code === 'FORMAT_ERROR') {
        const after = await service.stepAfterBank(call, { ...target, psu: psuOf(ctx) });
        if (after)
          return showPickStep(ctx, interaction, after, { ticked: picked, error: error.text });
      }
      return finish(ctx, refusal(call, error, 'account pick'));
    }
    call.logger.info(
      { resourceId: target.resourceId, accounts: picked.length },
      'PSU picked the accounts',
    );
    return grantAndFinish(ctx, interaction, target);
  }

  /**
   * GET /connect/interaction/:uid/bankid, /bankid/status and /bankid/done: the bank's BankID
   * on Bankbridge's page, at a bank without a login page. The page shows the QR code; its
   * status (JSON) gives the code of this second, or the next page once the SCA is confirmed or
   * over; `done` then sends the browser to the TPP with a code or an error.
   */
  async function bankIdRoutes(ctx: Context, uid: string, route: string): Promise<void> {
    const base = `${publicBase}${INTERACTION_PATH}/${uid}`;
    const status = route === '/bankid/status';
    const interaction = await interactionFor(ctx, uid, status);
    if (!interaction) {
      // The page reloads into the error of an interaction that is gone.
      return json(ctx, { next: `${base}/bankid` });
    }
    const call = callContext(ctx);
    const acr = parseAcrValues(stringParam(interaction.params[ACR_PARAM]));
    if (!acr.ok || !options.service) {
      if (status) return json(ctx, { next: `${base}/bankid/done` });
      return finish(ctx, {
        error: 'invalid_request',
        error_description: acr.ok ? 'this server does not offer redirect SCA' : acr.problem,
      });
    }
    const target = { ...acr.target, clientId: String(interaction.params.client_id) };
    let progress: OnPageProgress | undefined;
    try {
      progress = await options.service.decoupledOnPage(call, target);
    } catch (error) {
      if (status) return json(ctx, { next: `${base}/bankid/done` });
      return finish(ctx, refusal(call, error, 'BankID on the page'));
    }
    if (status) {
      return json(
        ctx,
        progress?.state === 'waiting'
          ? { qr: qrCodeDataUrl(progress.qrPayload), bankSilent: progress.bankSilent === true }
          : { next: `${base}/bankid/done` },
      );
    }
    if (progress?.state === 'waiting') {
      if (route === '/bankid/done') return redirect(ctx, `${base}/bankid`);
      const client = await provider.Client.find(target.clientId);
      ctx.status = 200;
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'html';
      ctx.body = bankIdStepPage({
        app: client?.clientName ?? 'The app',
        bankName: progress.bankName,
        qrImage: qrCodeDataUrl(progress.qrPayload),
        appLink: `${bankIdLink(progress.autoStartToken)}&redirect=null`,
        statusUrl: `${base}/bankid/status`,
        cancelAction: `${base}/cancel`,
        bankSilent: progress.bankSilent,
        simulatorUrl: progress.simulatorUrl,
      });
      return;
    }
    if (progress?.state === 'authenticated') {
      return grantAndFinish(ctx, interaction, acr.target);
    }
    if (progress?.state === 'ended') {
      const refused = oauthErrorOf(progress.problem, 'authorization');
      call.logger.info(
        { resourceId: target.resourceId, error: refused.error },
        'SCA not completed',
      );
      return finish(ctx, { error: refused.error, error_description: refused.description });
    }
    return finish(ctx, {
      error: 'invalid_request',
      error_description: 'this authorisation has no BankID on Bankbridge’s page',
    });
  }

  /**
   * Every authorization request starts from a fresh provider session: a session left from an
   * earlier SCA in the same browser would otherwise be taken for the PSU's login (a code for
   * the earlier consent, or oidc-provider's logout prompt when the accounts differ).
   */
  function prepareAuthorization(ctx: Context): void {
    withoutCookie(ctx, sessionCookie);
    if (ctx.path !== options.authorizationPath || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      return;
    }
    const query = new URLSearchParams();
    for (const [name, value] of new URLSearchParams(ctx.querystring)) {
      query.append(name === 'acr_values' ? ACR_PARAM : name, value);
    }
    ctx.querystring = query.toString();
  }

  return async (ctx, next) => {
    if (ctx.path.startsWith(options.authorizationPath)) {
      prepareAuthorization(ctx);
      return next();
    }
    const match = interactionRoute.exec(ctx.path);
    const posted = match?.[2] === '/accounts' || match?.[2] === '/pick' || match?.[2] === '/cancel';
    if (ctx.method !== (posted ? 'POST' : 'GET')) return next();
    try {
      if (ctx.path === BANK_CALLBACK_PATH) return bankCallback(ctx);
      if (!match?.[1]) return next();
      if (match[2] === '/pick') return await pickStep(ctx, match[1]);
      if (match[2]?.startsWith('/bankid')) return await bankIdRoutes(ctx, match[1], match[2]);
      if (posted) return await accountStep(ctx, match[1], match[2] as string);
      if (match[2]) return await bankReturn(ctx, match[1]);
      return await startAtBank(ctx, match[1]);
    } catch (error) {
      callContext(ctx).logger.error({ err: error }, 'redirect SCA route failed');
      showError(ctx, 500, 'server_error', 'Something went wrong on our side. Try again later.');
    }
  };
}

function redirect(ctx: Context, location: string): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 303;
  ctx.redirect(location);
}

function json(ctx: Context, body: BankIdPageStatus): void {
  ctx.status = 200;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'json';
  ctx.body = body;
}

function showError(ctx: Context, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'html';
  ctx.body = errorPage(error, description);
}

/** The PSU's browser, as a bank may ask of it. */
function psuOf(ctx: Context): PsuInfo {
  return { ipAddress: ctx.ip, userAgent: ctx.get('user-agent') || undefined };
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
