/**
 * The redirect SCA begins: the browser goes to the bank's login page, with a `state` sealed
 * for this interaction, consent and authorisation that the bank sends back (bank-return.ts).
 */
import { sealBankState } from '../../auth/redirect-sca.js';
import type { AspspEntry } from '../../registry/types.js';
import { showBank } from './choose-bank.js';
import { clientIdOf, type FlowState } from './interaction.js';
import { redirect, type StepRequest } from './page.js';
import { refusalOnPage } from './page-errors.js';

export async function sendToBank(
  request: StepRequest,
  bank: AspspEntry,
  state: FlowState,
): Promise<void> {
  const { page, ctx, interaction, uid, call } = request;
  const sca = {
    clientId: clientIdOf(interaction),
    consentId: state.consentId,
    authorisationId: state.authorisationId,
  };
  try {
    const loginUrl = await page.consents.bankLoginUrl(call, {
      ...sca,
      bic: bank.bicFi,
      state: sealBankState(page.bankStateBox, {
        uid,
        kind: 'consent',
        resourceId: sca.consentId,
        authorisationId: sca.authorisationId,
      }),
    });
    call.logger.info({ consentId: sca.consentId, bic: bank.bicFi }, 'user sent to the bank');
    return redirect(ctx, loginUrl);
  } catch (error) {
    // The user stays on the bank's page to try again, which makes a new consent.
    await page.consents.endQuietly(call, sca);
    const refusal = refusalOnPage(call, error, bank);
    return showBank(request, bank, refusal.status, { error: refusal.message });
  }
}
