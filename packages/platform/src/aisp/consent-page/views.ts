/**
 * The pages of the hosted consent page, server-rendered. Every value from outside is escaped;
 * the pages load only this host's stylesheet and script (and the banks' logos).
 */
import { escapeHtml as e } from '../../auth/error-page.js';
import type { AspspEntry, Country } from '../../registry/types.js';
import type { AispScope } from '../scopes.js';
import type { ConsentTerms } from './consent-request.js';

export const ASSETS_PATH = '/oauth/assets';

/** What the user is asked to share, in their words. */
const SCOPE_TEXT: Record<AispScope, string> = {
  accounts: 'Your accounts: their names, numbers (IBAN), currency and holder',
  balances: 'The balances of those accounts',
  transactions: 'Their transactions: dates, amounts, counterparties and descriptions',
};

export interface PageFrame {
  /** The app's name, as its developer registered it. */
  app: string;
  /** Where the cancel form posts. */
  cancelUrl: string;
}

function layout(
  title: string,
  frame: PageFrame,
  body: string,
  options: { head?: string; cancel?: boolean } = {},
): string {
  const cancel =
    options.cancel === false
      ? ''
      : `<form method="post" action="${e(frame.cancelUrl)}" class="cancel">
  <button type="submit" class="link">Cancel and return to ${e(frame.app)}</button>
</form>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<link rel="icon" href="data:,">
<title>${e(title)} · Bankbridge</title>
<link rel="stylesheet" href="${ASSETS_PATH}/consent.css">
<script src="${ASSETS_PATH}/consent.js" defer></script>
${options.head ?? ''}
</head>
<body>
<header class="top"><span class="brand">Bankbridge</span><span class="for">for ${e(frame.app)}</span></header>
<main class="card">
${body}
${cancel}
</main>
<footer>Bankbridge connects ${e(frame.app)} to your bank. It never sees your bank password.</footer>
</body>
</html>
`;
}

function scopeList(scopes: readonly AispScope[]): string {
  return `<ul class="scopes">${scopes.map((scope) => `<li>${e(SCOPE_TEXT[scope])}</li>`).join('')}</ul>`;
}

function errorNote(error: string | undefined): string {
  return error ? `<p class="error" role="alert">${e(error)}</p>` : '';
}

export interface ChooseBankPage extends PageFrame {
  scopes: readonly AispScope[];
  /** Days asked for, before any bank's cap. */
  days: number;
  countries: Country[];
  country: Country | undefined;
  banks: AspspEntry[];
  /** Link to a bank's page: `bankUrl(bic)`. */
  bankUrl: (bic: string) => string;
  formAction: string;
  error?: string | undefined;
}

/** Step 1: what the app asks for, and the bank to get it from. */
export function chooseBankPage(page: ChooseBankPage): string {
  const options = page.countries
    .map(
      (country) =>
        `<option value="${e(country.isoCountryCode)}"${country.isoCountryCode === page.country?.isoCountryCode ? ' selected' : ''}>${e(country.name)}</option>`,
    )
    .join('');
  const banks = page.banks
    .map(
      (
        bank,
      ) => `<li><a class="bank" href="${e(page.bankUrl(bank.bicFi))}" data-bic="${e(bank.bicFi)}">
  <img src="${e(bank.logoUrl)}" alt="" width="40" height="40"><span>${e(bank.name)}</span></a></li>`,
    )
    .join('\n');
  return layout(
    'Choose your bank',
    page,
    `<h1>Connect your bank to ${e(page.app)}</h1>
${errorNote(page.error)}
<p>${e(page.app)} asks to see:</p>
${scopeList(page.scopes)}
<p>For up to ${page.days} days, or as long as your bank allows. You confirm this at your bank,
and can withdraw it at any time.</p>
<h2>Choose your bank</h2>
<form method="get" action="${e(page.formAction)}" class="country">
  <label for="country">Country</label>
  <select id="country" name="country" data-autosubmit>${options}</select>
  <button type="submit" class="secondary">Show banks</button>
</form>
<ul class="banks">
${banks || '<li class="none">No banks in this country yet.</li>'}
</ul>`,
  );
}

export interface BankPage extends PageFrame {
  bank: AspspEntry;
  scopes: readonly AispScope[];
  terms: ConsentTerms;
  formAction: string;
  backUrl: string;
  ibans?: string | undefined;
  error?: string | undefined;
}

const APPROACH_LABEL = {
  DECOUPLED: 'Log in with Mobile BankID',
  REDIRECT: 'Log in at the bank',
} as const;

/** Step 2: the terms at this bank, the accounts (where named here), and how to log in. */
export function bankPage(page: BankPage): string {
  const { bank, terms } = page;
  const approaches = bank.connector.scaApproaches;
  const buttons = approaches
    .map(
      (approach, i) =>
        `<button type="submit" name="approach" value="${approach}"${i === 0 ? '' : ' class="secondary"'}>${e(
          approaches.length === 1 ? `Continue to ${bank.name}` : APPROACH_LABEL[approach],
        )}</button>`,
    )
    .join('\n');
  const accounts = terms.bankOffered
    ? `<p>Which of your accounts are shared is settled with ${e(bank.name)} when you log in.</p>`
    : `<label for="ibans">The accounts to share: their IBANs, one per line</label>
<textarea id="ibans" name="ibans" rows="3" required autocomplete="off" spellcheck="false" placeholder="SE45 5000 0000 0583 9825 7466">${e(page.ibans ?? '')}</textarea>
<p class="hint">${e(bank.name)} asks you to name the accounts before you log in.</p>`;
  return layout(
    bank.name,
    page,
    `<h1 class="with-logo"><img src="${e(bank.logoUrl)}" alt="" width="48" height="48"> ${e(bank.name)}</h1>
${errorNote(page.error)}
<p>${e(page.app)} will be able to see, at ${e(bank.name)}:</p>
${scopeList(page.scopes)}
<p class="terms">Until <strong>${e(terms.validUntil)}</strong> (${terms.days} days). While you are not
using ${e(page.app)}, it can read each account at most ${terms.frequencyPerDay} times a day.</p>
<form method="post" action="${e(page.formAction)}" class="start">
${accounts}
<div class="buttons">
${buttons}
</div>
</form>
<p><a href="${e(page.backUrl)}">Choose another bank</a></p>`,
  );
}

export interface BankIdPage extends PageFrame {
  bankName: string;
  qrCode: string;
  appLink: string;
  psuMessage: string;
  statusUrl: string;
  /** This page's own URL, reloaded without JavaScript. */
  selfUrl: string;
  /** At a sandbox bank: the BankID simulator's page for this order. */
  simulatorUrl?: string | undefined;
}

/** Decoupled SCA: the QR code, the link for this device, and a status that updates itself. */
export function bankIdPage(page: BankIdPage): string {
  return layout(
    'Mobile BankID',
    page,
    `<h1>Log in to ${e(page.bankName)} with Mobile BankID</h1>
<p>${e(page.psuMessage)}</p>
<img class="qr" src="${e(page.qrCode)}" alt="QR code to scan with the BankID app" width="280" height="280">
<p><a class="button secondary" href="${e(page.appLink)}">Open BankID on this device</a></p>
<p id="status" class="status" role="status" aria-live="polite" data-status-url="${e(page.statusUrl)}">Waiting for you to confirm in BankID…</p>
${
  page.simulatorUrl
    ? `<p class="hint">A sandbox bank: <a href="${e(page.simulatorUrl)}" target="_blank" rel="noopener">approve in the BankID simulator</a> as a test person instead.</p>`
    : ''
}`,
    { head: `<noscript><meta http-equiv="refresh" content="3;url=${e(page.selfUrl)}"></noscript>` },
  );
}

/** A step that cannot go on (expired, finished elsewhere); the app is not reachable from here. */
export function problemPage(frame: PageFrame | undefined, title: string, text: string): string {
  return layout(
    title,
    frame ?? { app: 'the app', cancelUrl: '' },
    `<h1>${e(title)}</h1>
<p>${e(text)}</p>`,
    { cancel: false },
  );
}
