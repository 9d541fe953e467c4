// What the bank's decision page shows the PSU about a consent: the access asked for, and
// the accounts to pick for a bank-offered consent.

import type { Consent } from '../domain/consents.js';
import type { Psu } from '../domain/model.js';
import { escapeHtml } from '../http/pages.js';

const FORM_TEXT: Record<Consent['form'], string> = {
  explicit: 'the accounts listed below',
  bankOffered: 'the accounts you choose below (account details, balances and transactions)',
  availableAccounts: 'the list of all your accounts',
  allPsd2: 'all your accounts: details, balances and transactions',
};

export function consentSummaryHtml(consent: Consent): string {
  const requested = (['accounts', 'balances', 'transactions'] as const)
    .map((kind) => {
      const list = consent.access[kind];
      return list?.length
        ? `<tr><th>${kind}</th><td>${list.map((r) => `<code>${escapeHtml(r.iban)}</code>`).join(' ')}</td></tr>`
        : '';
    })
    .join('');
  return `<p>Approve access to ${FORM_TEXT[consent.form]}.</p>
<table>${requested}<tr><th>valid until</th><td>${escapeHtml(consent.validUntil)}</td></tr>
<tr><th>reads per day</th><td>${consent.frequencyPerDay}</td></tr><tr><th>recurring</th><td>${consent.recurringIndicator ? 'yes' : 'no'}</td></tr></table>`;
}

export function accountChoicesHtml(psu: Psu): string {
  return `<h2>Choose accounts</h2>${psu.accounts
    .map(
      (a) =>
        `<label class="account"><input type="checkbox" name="account" value="${escapeHtml(a.resourceId)}" checked> <span>${escapeHtml(a.name)} · <code>${escapeHtml(a.iban)}</code> · ${escapeHtml(a.currency)}<br><span class="muted">${escapeHtml(a.product)}</span></span></label>`,
    )
    .join('')}`;
}
