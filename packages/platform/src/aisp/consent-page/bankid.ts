/**
 * The decoupled SCA: the BankID page (a QR code, a link to the app on this device) and its
 * polling. The page's script asks .../status until the consent is decided; without a script
 * the page reloads itself. Either way, once decided, the browser goes on to the app.
 */
import { isProblem } from '../../problems.js';
import { bankIdLink, qrCodeDataUrl } from '../../sca/qr-code.js';
import { finishWithError, grantAndFinish } from './finish.js';
import { clientIdOf, type FlowState, stateOf } from './interaction.js';
import { frameOf, pageUrl, redirect, type StepRequest, sendHtml } from './page.js';
import { bankIdPage } from './views.js';

/** Where the decoupled SCA stands: pending (with a word for the user), or where to go now. */
interface Progress {
  location?: string;
  message?: string;
}

/** GET /oauth/consent/:uid/bankid: the QR code while the user has not decided. */
export async function showBankId(request: StepRequest): Promise<void> {
  const { page, ctx, interaction, uid } = request;
  const progress = await decoupledProgress(request);
  if (progress.location) return redirect(ctx, progress.location);
  const state = stateOf(interaction) as FlowState;
  const token = state.autoStartToken ?? '';
  const bank = page.banks.get(state.bic);
  sendHtml(
    page,
    ctx,
    200,
    bankIdPage({
      ...(await frameOf(request)),
      bankName: bank?.name ?? state.bic,
      qrCode: qrCodeDataUrl(bankIdLink(token)),
      appLink: `${bankIdLink(token)}&redirect=null`,
      psuMessage: state.psuMessage ?? '',
      statusUrl: pageUrl(uid, 'status'),
      selfUrl: pageUrl(uid, 'bankid'),
      // A sandbox bank's users are test persons: its BankID simulator stands in for the phone.
      ...(bank?.sandbox
        ? {
            simulatorUrl: `${page.registry.urls.sandboxUrl}/bankid?autostarttoken=${encodeURIComponent(token)}`,
          }
        : {}),
    }),
  );
}

/** GET /oauth/consent/:uid/status: the page's poll, as JSON. */
export async function pollStatus(request: StepRequest): Promise<void> {
  const { ctx } = request;
  const progress = await decoupledProgress(request);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'json';
  ctx.body = progress.location
    ? { status: 'done', location: progress.location }
    : { status: 'pending', ...(progress.message ? { message: progress.message } : {}) };
}

/**
 * The consent's status decides: `received` is pending, `valid` ends the interaction with a
 * grant, anything else with access_denied. An interaction that has ended already gives the same
 * way on again (a second tab, a slow script), never a second grant.
 */
async function decoupledProgress(request: StepRequest): Promise<Progress> {
  const { page, interaction, call } = request;
  if (interaction.result?.login) return { location: interaction.returnTo };
  const state = stateOf(interaction);
  if (state?.approach !== 'DECOUPLED') return { location: pageUrl(interaction.uid) };
  let status: string;
  try {
    status = await page.consents.status(call, {
      clientId: clientIdOf(interaction),
      consentId: state.consentId,
    });
  } catch (error) {
    // The bank did not answer this time: the next poll asks again.
    if (isProblem(error) && error.statusCode === 503) {
      return { message: 'Your bank is slow to answer; still waiting…' };
    }
    throw error;
  }
  if (status === 'received') return {};
  if (status === 'valid') return { location: await grantAndFinish(request, state) };
  call.logger.info({ consentId: state.consentId, status }, 'decoupled SCA not completed');
  const why =
    status === 'rejected'
      ? 'the user did not confirm the access in BankID'
      : `the consent is ${status}`;
  return { location: await finishWithError(request, 'access_denied', why) };
}
