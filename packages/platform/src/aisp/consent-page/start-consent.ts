/**
 * POST /oauth/consent/:uid/bank/:bic: the user chose the bank and how to log in. The consent is
 * asked of the bank, its authorisation started with that SCA approach, and the browser sent
 * on: to the bank's login page, or to the BankID page.
 */

import { readForm } from '../../auth/forms.js';
import { bankWorkRefusalText } from '../../http/bank-work-limit.js';
import type { AspspEntry } from '../../registry/types.js';
import { showBank } from './choose-bank.js';
import type { ConsentRef } from './consent-calls.js';
import { type ConsentTerms, consentBody, consentTerms } from './consent-request.js';
import { type BankForm, readBankForm } from './form.js';
import {
  clientIdOf,
  type FlowState,
  saveState,
  scopesOf,
  stateOf,
  validityOf,
} from './interaction.js';
import { pageUrl, redirect, type StepRequest, todayAt } from './page.js';
import { type PageRefusal, refusalOnPage, sendFormTooLarge } from './page-errors.js';
import { sendToBank } from './redirect-to-bank.js';

export async function startConsent(request: StepRequest, bank: AspspEntry): Promise<void> {
  const { page, ctx, interaction, uid, call } = request;
  const form = await readForm(ctx);
  if (!form) return sendFormTooLarge(page, ctx);
  const terms = consentTerms(bank, validityOf(interaction), todayAt(page, bank));
  const checked = readBankForm(form, bank, terms);
  if (!checked.ok)
    return showBank(request, bank, 400, { error: checked.error, ibans: checked.ibans });
  // Counted once the form is good: a mistake costs nothing, and a refusal calls no bank.
  const refusal = await bankWorkRefused(request);
  if (refusal) {
    ctx.set('Retry-After', String(refusal.retryAfterSeconds));
    return showBank(request, bank, 429, { error: refusal.text, ibans: form.get('ibans') ?? '' });
  }
  // A second bank chosen in the same flow: the consent begun at the first is not wanted.
  const previous = stateOf(interaction);
  if (previous) await page.consents.endQuietly(call, consentOf(request, previous.consentId));

  const started = await createWithSca(request, bank, terms, checked);
  if (!started.ok) {
    return showBank(request, bank, started.refusal.status, {
      error: started.refusal.message,
      ibans: form.get('ibans') ?? '',
    });
  }
  await saveState(interaction, started.state);
  if (started.state.approach === 'DECOUPLED') return redirect(ctx, pageUrl(uid, 'bankid'));
  return sendToBank(request, bank, started.state);
}

/** The page's bound on bank work (per client, per source): a refusal to show, or none. */
async function bankWorkRefused(
  request: StepRequest,
): Promise<{ retryAfterSeconds: number; text: string } | undefined> {
  const { page, ctx, interaction, call } = request;
  if (!page.bankWork) return undefined;
  const decision = await page.bankWork.admit(clientIdOf(interaction), ctx.ip);
  if (decision.admitted) return undefined;
  call.logger.warn(
    { clientId: clientIdOf(interaction), limitedBy: decision.limitedBy },
    'consent page: too many consents started',
  );
  const { retryAfterSeconds } = decision;
  return { retryAfterSeconds, text: bankWorkRefusalText(retryAfterSeconds) };
}

type Started = { ok: true; state: FlowState } | { ok: false; refusal: PageRefusal };

/** The consent at the bank, its authorisation, and the SCA method of the user's approach. */
async function createWithSca(
  request: StepRequest,
  bank: AspspEntry,
  terms: ConsentTerms,
  form: Extract<BankForm, { ok: true }>,
): Promise<Started> {
  const { page, ctx, interaction, call } = request;
  // The user is here, in this browser: the bank gets their address and browser.
  const psu = { ipAddress: ctx.ip, userAgent: ctx.get('user-agent') || undefined };
  let consent: ConsentRef | undefined;
  try {
    const consentId = await page.consents.create(call, {
      clientId: clientIdOf(interaction),
      bic: bank.bicFi,
      body: consentBody(terms, scopesOf(interaction), form.ibans),
      psu,
      approach: form.approach,
    });
    consent = consentOf(request, consentId);
    const sca = await page.consents.startSca(call, consent, form.approach, psu);
    return { ok: true, state: { bic: bank.bicFi, consentId, ...sca } };
  } catch (error) {
    // A consent made before a later step failed would wait at the bank for nobody.
    if (consent) await page.consents.endQuietly(call, consent);
    return { ok: false, refusal: refusalOnPage(call, error, bank) };
  }
}

function consentOf({ interaction }: StepRequest, consentId: string): ConsentRef {
  return { clientId: clientIdOf(interaction), consentId };
}
