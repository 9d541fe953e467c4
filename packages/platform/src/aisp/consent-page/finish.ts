/**
 * The end of the interaction: a grant for the consent once it is valid, or an RFC 6749 error
 * for the app. Either way oidc-provider then sends the browser to the app's redirect URI with
 * its state; these return where the browser goes next.
 */
import type { InteractionResults } from 'oidc-provider';
import { consentSubject } from '../scopes.js';
import { clientIdOf, type FlowState, scopesOf } from './interaction.js';
import type { StepRequest } from './page.js';

/** Ends the interaction with `result`; the provider then sends the browser to the app. */
export async function finish(
  { page, ctx }: StepRequest,
  result: InteractionResults,
): Promise<string> {
  return page.provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: false,
  });
}

/** The app's refusal: the user, the bank or Bankbridge said no, and why. */
export async function finishWithError(
  request: StepRequest,
  error: string,
  description: string,
): Promise<string> {
  return finish(request, { error, error_description: description });
}

/** The consent is valid: a grant whose account is the consent, and a code for the app. */
export async function grantAndFinish(request: StepRequest, state: FlowState): Promise<string> {
  const { page, interaction, call } = request;
  const accountId = consentSubject(state.consentId);
  const grant = new page.provider.Grant({ accountId, clientId: clientIdOf(interaction) });
  grant.addOIDCScope(scopesOf(interaction).join(' '));
  const grantId = await grant.save();
  call.logger.info(
    { consentId: state.consentId, bic: state.bic },
    'AISP consent given; the app gets its code',
  );
  // Not remembered: every authorization is one consent, never a login to reuse.
  return finish(request, { login: { accountId, remember: false }, consent: { grantId } });
}
