/**
 * The first two pages: the country and bank, then the terms at the bank chosen (until when,
 * how often, where the accounts are chosen) and how to log in there.
 */
import type { AspspEntry } from '../../registry/types.js';
import { consentTerms } from './consent-request.js';
import { maxValidity, shownScopes, stringParam, validityOf } from './interaction.js';
import { frameOf, pageUrl, type StepRequest, sendHtml, todayAt } from './page.js';
import { bankPage, chooseBankPage } from './views.js';

/** GET /oauth/consent/:uid: what the app asks for; the banks of a country (`?country=`). */
export async function chooseBank(request: StepRequest): Promise<void> {
  const { page, ctx, interaction, uid } = request;
  const { registry } = page;
  const asked = stringParam(ctx.query.country)?.toUpperCase();
  const country =
    registry.countries.find((c) => c.isoCountryCode === asked) ?? registry.countries[0];
  sendHtml(
    page,
    ctx,
    200,
    chooseBankPage({
      ...(await frameOf(request)),
      scopes: shownScopes(interaction),
      days: validityOf(interaction) ?? maxValidity(registry),
      countries: registry.countries,
      country,
      banks: registry.aspsps.filter((bank) => bank.isoCountryCode === country?.isoCountryCode),
      bankUrl: (bic) => pageUrl(uid, `bank/${bic}`),
      formAction: pageUrl(uid),
    }),
  );
}

/** Why the bank's form could not go on, and the IBANs as the user typed them. */
export interface BankPageNote {
  error?: string;
  ibans?: string;
}

/**
 * GET /oauth/consent/:uid/bank/:bic: the terms at the bank and how to log in there; again, with
 * `status` and a note, when its form could not go on.
 */
export async function showBank(
  request: StepRequest,
  bank: AspspEntry,
  status = 200,
  note: BankPageNote = {},
): Promise<void> {
  const { page, ctx, interaction, uid } = request;
  sendHtml(
    page,
    ctx,
    status,
    bankPage({
      ...(await frameOf(request)),
      bank,
      scopes: shownScopes(interaction),
      terms: consentTerms(bank, validityOf(interaction), todayAt(page, bank)),
      formAction: pageUrl(uid, `bank/${bank.bicFi}`),
      backUrl: `${pageUrl(uid)}?country=${bank.isoCountryCode}`,
      ...note,
    }),
  );
}
