/**
 * The bank sends the user back from its login page (redirect SCA). Its answer is matched to
 * the interaction by the sealed `state`, read, and the bank's code exchanged at once: the
 * consent is valid before the app hears of it. Then the browser goes on to the app, with a code
 * or with the reason there is none.
 */

import type { Context } from '../../auth/provider-common.js';
import { openBankState } from '../../auth/redirect-sca.js';
import { asOAuthError, oauthError } from '../oauth-errors.js';
import type { ScaRef } from './consent-calls.js';
import { finishWithError, grantAndFinish } from './finish.js';
import { clientIdOf, type FlowState, stateOf, stringParam } from './interaction.js';
import { type ConsentPage, pageUrl, redirect, type StepRequest } from './page.js';
import { sendUnmatchedBankAnswer } from './page-errors.js';

/**
 * GET /oauth/bank-callback: the interaction cookie is scoped to the page's path, so the answer
 * goes on to the page of the interaction its `state` names.
 */
export function bankCallback(page: ConsentPage, ctx: Context): void {
  const state = openBankState(page.bankStateBox, stringParam(ctx.query.state));
  if (!state) {
    sendUnmatchedBankAnswer(page, ctx);
    return;
  }
  redirect(ctx, `${page.publicBase}${pageUrl(state.uid, 'bank-return')}?${ctx.querystring}`);
}

/** GET /oauth/consent/:uid/bank-return: the bank's answer for this interaction. */
export async function bankReturn(request: StepRequest): Promise<void> {
  const { ctx, uid, call } = request;
  const state = matchedState(request);
  if (!state) {
    call.logger.warn({ uid }, 'bank callback does not match its interaction');
    const why = "the bank's answer does not belong to this authorization";
    return redirect(ctx, await finishWithError(request, 'invalid_request', why));
  }
  const refusal = await completeAtTheBank(request, state);
  if (refusal) {
    return redirect(ctx, await finishWithError(request, refusal.error, refusal.description));
  }
  return redirect(ctx, await grantAndFinish(request, state));
}

/** The page's state, when the sealed `state` the bank sent back names this very SCA. */
function matchedState({ page, ctx, interaction, uid }: StepRequest): FlowState | undefined {
  const sealed = openBankState(page.bankStateBox, stringParam(ctx.query.state));
  const state = stateOf(interaction);
  const matches =
    sealed &&
    state &&
    sealed.uid === uid &&
    sealed.kind === 'consent' &&
    sealed.resourceId === state.consentId &&
    sealed.authorisationId === state.authorisationId;
  return matches ? state : undefined;
}

/**
 * The bank's answer read and, when the user authorised, its code exchanged: the consent is
 * valid. Unlike /connect's redirect SCA the app redeems a code for the consent, not for the
 * bank's code. Why not, as the app is to hear it; undefined once the consent is valid.
 */
async function completeAtTheBank(
  { page, ctx, interaction, call }: StepRequest,
  state: FlowState,
): Promise<{ error: string; description: string } | undefined> {
  const sca: ScaRef = {
    clientId: clientIdOf(interaction),
    consentId: state.consentId,
    authorisationId: state.authorisationId,
  };
  try {
    const outcome = await page.consents.bankReturned(call, sca, firstOfEach(ctx.querystring));
    if (!outcome.ok) {
      const ids = { consentId: sca.consentId, authorisationId: sca.authorisationId };
      const refused = oauthError(outcome.problem);
      call.logger.info({ ...ids, error: refused.error }, 'SCA not completed at the bank');
      return { error: refused.error, description: refused.description };
    }
    await page.consents.finishRedirect(call, sca);
    return undefined;
  } catch (error) {
    const refusal = asOAuthError(error);
    if (refusal) return { error: refusal.error, description: refusal.description };
    call.logger.error({ err: error }, 'bank return failed');
    return { error: 'server_error', description: 'the consent could not be completed' };
  }
}

/** The callback's query parameters; a repeated one counts once, as first given. */
function firstOfEach(querystring: string): Record<string, string> {
  const callback: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(querystring)) {
    if (!(name in callback)) callback[name] = value;
  }
  return callback;
}
