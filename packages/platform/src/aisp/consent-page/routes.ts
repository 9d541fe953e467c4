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
 * This module only routes: each step is a module of its own, and every call to the consent
 * service goes through consent-calls.ts.
 */
import type { Interaction } from 'oidc-provider';
import { errors } from 'oidc-provider';
import { postedFromHere } from '../../auth/forms.js';
import type { Context, Middleware } from '../../auth/provider-common.js';
import { pageAssets } from './assets.js';
import { bankCallback, bankReturn } from './bank-return.js';
import { pollStatus, showBankId } from './bankid.js';
import { cancel } from './cancel.js';
import { chooseBank, showBank } from './choose-bank.js';
import {
  AISP_BANK_CALLBACK_PATH,
  CONSENT_PAGE_PATH,
  type ConsentPage,
  type ConsentPageOptions,
  callContext,
  consentPage,
  type StepRequest,
} from './page.js';
import { sendExpired, sendFailure, sendForeignForm } from './page-errors.js';
import { startConsent } from './start-consent.js';
import { ASSETS_PATH } from './views.js';

export { AISP_BANK_CALLBACK_PATH, CONSENT_PAGE_PATH, type ConsentPageOptions };

const STEP_ROUTE = new RegExp(
  `^${CONSENT_PAGE_PATH}/([A-Za-z0-9_-]{1,64})(?:/(bank/([A-Z0-9]{8}(?:[A-Z0-9]{3})?)|bankid|status|bank-return|cancel))?$`,
);

/** GET steps without a bank in the path, by the path's last segment. */
const GET_STEPS: Record<string, (request: StepRequest) => Promise<void>> = {
  '': chooseBank,
  bankid: showBankId,
  status: pollStatus,
  'bank-return': bankReturn,
};

export function consentPageRoutes(options: ConsentPageOptions): Middleware {
  const page = consentPage(options);
  const sendAsset = pageAssets();
  return async (ctx, next) => {
    try {
      if (ctx.method === 'GET' && ctx.path.startsWith(`${ASSETS_PATH}/`)) {
        if (sendAsset(ctx, ctx.path.slice(ASSETS_PATH.length + 1))) return;
        return next();
      }
      if (ctx.method === 'GET' && ctx.path === AISP_BANK_CALLBACK_PATH) {
        return bankCallback(page, ctx);
      }
      return await routeStep(page, ctx, next);
    } catch (error) {
      sendFailure(page, ctx, callContext(page, ctx), error);
    }
  };
}

/** A step of an interaction: its browser and origin checked, then the step for the path. */
async function routeStep(page: ConsentPage, ctx: Context, next: () => Promise<unknown>) {
  const match = STEP_ROUTE.exec(ctx.path);
  const uid = match?.[1];
  if (!match || !uid) return next();
  const step = match[2] ?? '';
  const post = ctx.method === 'POST';
  if (!post && ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
  // Forms post to this origin only; a browser says where a form came from.
  if (post && !postedFromHere(ctx, page.publicBase)) return sendForeignForm(page, ctx);
  const interaction = await interactionFor(page, ctx, uid);
  if (!interaction) return sendExpired(page, ctx);
  const request: StepRequest = { page, ctx, interaction, uid, call: callContext(page, ctx) };
  const bic = match[3];
  if (bic) {
    const bank = page.banks.get(bic);
    if (!bank) return chooseBank(request);
    return post ? startConsent(request, bank) : showBank(request, bank);
  }
  if (post) return step === 'cancel' ? cancel(request) : next();
  const get = GET_STEPS[step];
  return get ? get(request) : next();
}

/** The interaction this browser is in, if it is the one in the path. */
async function interactionFor(
  page: ConsentPage,
  ctx: Context,
  uid: string,
): Promise<Interaction | undefined> {
  try {
    const interaction = await page.provider.interactionDetails(ctx.req, ctx.res);
    if (interaction.uid === uid) return interaction;
  } catch (error) {
    if (!(error instanceof errors.SessionNotFound)) throw error;
  }
  return undefined;
}
