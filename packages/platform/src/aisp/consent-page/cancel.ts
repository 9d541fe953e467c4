/**
 * POST /oauth/consent/:uid/cancel: the user leaves. The consent begun for them is deleted, and
 * the browser goes back to the app with access_denied.
 */

import { finishWithError } from './finish.js';
import { clientIdOf, stateOf } from './interaction.js';
import { redirect, type StepRequest } from './page.js';

export async function cancel(request: StepRequest): Promise<void> {
  const { page, ctx, interaction, call } = request;
  const state = stateOf(interaction);
  if (state) {
    await page.consents.endQuietly(call, {
      clientId: clientIdOf(interaction),
      consentId: state.consentId,
    });
  }
  call.logger.info({ consentId: state?.consentId }, 'the user cancelled on the consent page');
  redirect(
    ctx,
    await finishWithError(request, 'access_denied', 'the user cancelled the connection'),
  );
}
