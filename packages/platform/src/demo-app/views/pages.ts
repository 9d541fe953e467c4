import type {
  AccountDetails,
  AspspListItem,
  Balance,
  Country,
  DecoupledConnection,
  Transaction,
} from '@bankbridge/client';
import { csrfField, type Html, html, notice } from '../../portal/html.js';
import { formatAmount } from '../amounts.js';
import type { BalanceHistory } from '../balance-history.js';
import { balanceChart } from '../chart.js';
import type { Problem } from '../problems.js';
import type { ChosenBank } from '../sessions.js';
import { type Frame, logo, page } from './layout.js';

type Base = Omit<Frame, 'title' | 'step'>;

const NOTICES: Record<string, [kind: 'ok' | 'warn', text: string]> = {
  'not-connected': [
    'warn',
    'You are not connected to a bank: your session ended, or you have not connected one yet. Choose a bank to connect.',
  ],
  disconnected: [
    'ok',
    'Disconnected: the consent was ended, the app can no longer read your accounts.',
  ],
  cancelled: ['ok', 'Sign-in cancelled: the consent was deleted before you gave access.'],
};

export function homePage(
  base: Base & {
    countries: readonly Country[];
    connected: ChosenBank | undefined;
    csrf: string;
    notice: string | undefined;
    /** The consent ended while the person was away (an event said so). */
    ended?: string | undefined;
  },
): string {
  const shown = base.ended
    ? (['warn', base.ended] as const)
    : base.notice && Object.hasOwn(NOTICES, base.notice)
      ? NOTICES[base.notice]
      : undefined;
  return page(
    { ...base, title: 'Choose your country', step: 'Country' },
    html`${shown ? notice(shown[0], shown[1]) : ''}
    <section class="intro">
      <h1>See all your money in one place</h1>
      <p>This app reads your accounts, balances and transactions at your bank, once you allow it.
      It is a third-party provider (TPP) of Bankbridge: it lists the banks Bankbridge reaches,
      asks your bank for a consent, sends you to your bank to approve it, and then reads what you
      shared. The banks here are Bankbridge's sandbox banks, with test customers such as
      Anna Andersson (<code>198301014882</code>).</p>
    </section>
    ${
      base.connected
        ? html`<section class="card connected" id="connected">
          ${logo(base.connected.logoUrl)}
          <div><strong>Connected to ${base.connected.name}</strong>
            <p><a class="button" href="/demo/accounts">See your accounts</a></p></div>
          <form method="post" action="/demo/disconnect">${csrfField(base.csrf)}
            <button type="submit" class="secondary">Disconnect</button></form>
        </section>`
        : ''
    }
    <h2>1. Where is your bank?</h2>
    <ul class="countries">${base.countries.map(
      (c) =>
        html`<li><a class="country" href="/demo/banks?country=${encodeURIComponent(c.isoCountryCode ?? '')}" data-country="${c.isoCountryCode}">
          <span class="code">${c.isoCountryCode}</span> ${c.name ?? c.isoCountryCode}</a></li>`,
    )}</ul>`,
  );
}

export function banksPage(
  base: Base & {
    country: string;
    countryName: string;
    banks: readonly AspspListItem[];
    csrf: string;
  },
): string {
  return page(
    { ...base, title: `Banks in ${base.countryName}`, step: 'Bank' },
    html`<p><a href="/demo">← Countries</a></p>
    <h1>2. Choose your bank in ${base.countryName}</h1>
    ${
      base.banks.length === 0
        ? notice('warn', `Bankbridge reaches no bank in ${base.countryName} yet.`)
        : html`<form method="post" action="/demo/connect" class="banks">
      ${csrfField(base.csrf)}
      <input type="hidden" name="country" value="${base.country}">
      <ul class="banks">${base.banks.map(
        (bank) => html`<li><button type="submit" name="bic" value="${bank.bicFi}" class="bank">
          ${logo(bank.logoUrl)}
          <span class="name">${bank.name}</span>
          <span class="bic">${bank.bicFi}</span></button></li>`,
      )}</ul>
      <label class="check"><input type="checkbox" name="preferDecoupled" value="true">
        Sign in with Mobile BankID on my phone where the bank offers both (otherwise the bank's website)</label>
    </form>
    <p class="muted">Choosing a bank creates a consent there (read access to accounts, balances
    and transactions for 90 days, or less if the bank says so) and starts its authorisation.</p>`
    }`,
  );
}

/** For banks that do not let the PSU pick accounts at the bank: the TPP names them. */
export function namedAccountsPage(
  base: Base & {
    bank: ChosenBank;
    country: string;
    ibans: string;
    suggestion: { name: string; ibans: string[] } | undefined;
    preferDecoupled: boolean;
    csrf: string;
    error?: string | undefined;
    requestId?: string | undefined;
  },
): string {
  const { bank } = base;
  return page(
    { ...base, title: `Your accounts at ${bank.name}`, step: 'Bank' },
    html`<p><a href="/demo/banks?country=${encodeURIComponent(base.country)}">← Banks</a></p>
    <h1>${logo(bank.logoUrl)} Which accounts at ${bank.name}?</h1>
    ${base.error ? notice('error', html`${base.error}${base.requestId ? html` <span class="muted">X-Request-ID <code>${base.requestId}</code></span>` : ''}`) : ''}
    <p>${bank.name} does not let you pick the accounts on its own pages: the app has to name
    them in the consent. Enter the IBANs of the accounts to share, one per line.</p>
    ${
      base.suggestion
        ? html`<p class="muted">Filled in: the sandbox's test customer ${base.suggestion.name}'s accounts at ${bank.name}. Sign in as them at the bank.</p>`
        : ''
    }
    <form method="post" action="/demo/connect">
      ${csrfField(base.csrf)}
      <input type="hidden" name="bic" value="${bank.bic}">
      <input type="hidden" name="country" value="${base.country}">
      ${base.preferDecoupled ? html`<input type="hidden" name="preferDecoupled" value="true">` : ''}
      <input type="hidden" name="named" value="true">
      <label for="ibans">IBANs</label>
      <textarea id="ibans" name="ibans" rows="4" cols="40" required>${base.ibans}</textarea>
      <p><button type="submit">Continue to ${bank.name}</button></p>
    </form>`,
  );
}

/** What is being signed at the bank: the consent of "connect", or a payment. */
export interface Signing {
  noun: 'consent' | 'payment';
  id: string;
  /** What is signed, in words: a payment's amount and payee. */
  summary?: string | undefined;
}

/** On to the bank's login page, through Bankbridge's authorize endpoint. */
export function redirectPage(
  base: Base & { bank: ChosenBank; url: string; signing: Signing },
): string {
  const { bank, signing } = base;
  const payment = signing.noun === 'payment';
  return page(
    {
      ...base,
      title: `Sign in at ${bank.name}`,
      step: payment ? 'Pay' : 'Sign in at the bank',
      head: html`<meta http-equiv="refresh" content="0;url=${base.url}">`,
    },
    html`<h1>${payment ? 'Sign the payment' : '3. Sign in'} at ${bank.name}</h1>
    ${signing.summary ? html`<p class="payment-amount" id="signing-summary">${signing.summary}</p>` : ''}
    <p>${logo(bank.logoUrl)} Taking you to ${bank.name} to ${payment ? 'sign the payment' : 'approve the consent'}. You
    come back here once you have.</p>
    <p><a class="button" id="to-bank" href="${base.url}">Continue to ${bank.name}</a></p>
    <p class="muted">${payment ? 'Payment' : 'Consent'} <code>${signing.id}</code></p>`,
  );
}

export function bankIdPage(
  base: Base & {
    bank: ChosenBank;
    connection: Pick<DecoupledConnection, 'bankIdLink' | 'psuMessage' | 'authorisationId'>;
    signing: Signing;
    qrImage: string;
    simulatorUrl: string | undefined;
    csrf: string;
  },
): string {
  const { bank, connection, signing } = base;
  const payment = signing.noun === 'payment';
  const paths = payment
    ? { status: '/demo/pay/sign/status', cancel: '/demo/pay/cancel', back: '/demo/pay/sign' }
    : { status: '/demo/bankid/status', cancel: '/demo/cancel', back: '/demo/bankid' };
  return page(
    {
      ...base,
      title: `Sign in at ${bank.name} with BankID`,
      step: payment ? 'Pay' : 'Sign in at the bank',
      head: html`<script src="/demo/assets/bankid.js" defer></script>`,
    },
    html`<h1>${payment ? 'Sign the payment with Mobile BankID' : '3. Approve with Mobile BankID'}</h1>
    ${signing.summary ? html`<p class="payment-amount" id="signing-summary">${signing.summary}</p>` : ''}
    <div class="bankid">
      <figure class="qr">
        <img id="qr-code" src="${base.qrImage}" alt="QR code to scan with the BankID app" width="240" height="240">
        <figcaption>Scan with the BankID app</figcaption>
      </figure>
      <div>
        <p>${logo(bank.logoUrl)} <strong>${bank.name}</strong> asks you to ${payment ? 'sign the payment' : 'approve the consent'} in BankID. ${connection.psuMessage ?? ''}</p>
        <p><a class="button" href="${connection.bankIdLink}">Open BankID on this device</a></p>
        ${
          base.simulatorUrl
            ? html`<p class="sandbox">No BankID here? The sandbox's BankID simulator stands in for
              your phone: <a id="simulator" href="${base.simulatorUrl}" target="_blank" rel="noopener">open it</a>,
              pick Anna Andersson (<code>198301014882</code>), press Identify, then Approve.</p>`
            : ''
        }
        <p id="sca-status" class="status waiting" data-status-url="${paths.status}" role="status" aria-live="polite">
          Waiting for you to ${payment ? 'sign' : 'approve'} in BankID…</p>
        <noscript><p><a href="${paths.back}">I have ${payment ? 'signed' : 'approved'}: continue</a></p></noscript>
        <form method="post" action="${paths.cancel}">${csrfField(base.csrf)}
          <button type="submit" class="secondary">Cancel</button></form>
        <p class="muted">${payment ? 'Payment' : 'Consent'} <code>${signing.id}</code> · authorisation <code>${connection.authorisationId}</code></p>
      </div>
    </div>`,
  );
}

export function accountsPage(
  base: Base & {
    bank: ChosenBank;
    consentId: string;
    validUntil: string | undefined;
    accounts: ReadonlyArray<{ account: AccountDetails; balances: readonly Balance[] }>;
    csrf: string;
  },
): string {
  const { bank } = base;
  const rows = base.accounts.map(({ account, balances }) => {
    const id = account.resourceId ?? '';
    return html`<tr class="account">
      <td data-label="Account"><a href="/demo/accounts/${encodeURIComponent(id)}">${account.name ?? account.product ?? id}</a>
        <div class="muted">${account.product ?? account.cashAccountType ?? ''}</div></td>
      <td data-label="Number"><code class="iban">${account.iban ?? account.bban ?? ''}</code></td>
      <td class="balances" data-label="Balances">${balances.length === 0 ? html`<span class="muted">not shared</span>` : balances.map((b) => html`<div><span class="muted">${balanceLabel(b.balanceType)}</span> <span class="amount ${b.balanceAmount.amount.startsWith('-') ? 'out' : ''}">${formatAmount(b.balanceAmount.amount)}</span> ${b.balanceAmount.currency}</div>`)}</td>
    </tr>`;
  });
  return page(
    { ...base, title: `Your accounts at ${bank.name}`, step: 'Accounts', head: LIVE },
    html`${consentLive()}<div class="bank-head">${logo(bank.logoUrl)}
      <div><h1>4. Your accounts at ${bank.name}</h1>
      <p class="muted">Consent <code>${base.consentId}</code>, valid${base.validUntil ? ` until ${base.validUntil}` : ''}.</p></div>
      <div class="actions"><a class="button" id="pay" href="/demo/pay">Pay</a>
      <form method="post" action="/demo/disconnect">${csrfField(base.csrf)}
        <button type="submit" class="secondary">Disconnect</button></form></div>
    </div>
    ${
      base.accounts.length === 0
        ? notice('warn', 'The consent covers no account.')
        : html`<table class="accounts" id="accounts"><thead><tr><th>Account</th><th>Number</th><th>Balances</th></tr></thead>
      <tbody>${rows}</tbody></table>
      <p class="muted">Open an account to see its transactions and its balance over time.</p>`
    }`,
  );
}

export const PERIODS = [30, 90, 365] as const;

export function transactionsPage(
  base: Base & {
    bank: ChosenBank;
    account: AccountDetails;
    days: number;
    from: string;
    to: string;
    history: BalanceHistory | undefined;
    transactions: readonly Transaction[];
    /** More transactions than are listed. */
    more: number;
    /** The payment made in the app, marked where it is booked. */
    paid?: { amount: string; message: string } | undefined;
  },
): string {
  const { account, history } = base;
  const id = account.resourceId ?? '';
  const name = account.name ?? account.product ?? account.iban ?? id;
  const periods = PERIODS.map((days) =>
    days === base.days
      ? html`<strong>${days} days</strong>`
      : html`<a href="/demo/accounts/${encodeURIComponent(id)}?days=${days}">${days} days</a>`,
  );
  let marked = false;
  const rows = base.transactions.map((t) => {
    const amount = t.transactionAmount;
    const outgoing = amount.amount.startsWith('-');
    const ours = !marked && isPayment(t, base.paid);
    if (ours) marked = true;
    return html`<tr${ours ? html` class="new" id="paid"` : ''}>
      <td>${t.bookingDate ?? t.valueDate ?? ''}</td>
      <td>${ours ? html`<span class="tag">Your payment</span> ` : ''}${(outgoing ? t.creditorName : t.debtorName) ?? ''}<div class="muted">${t.remittanceInformationUnstructured ?? ''}</div></td>
      <td class="amount ${outgoing ? 'out' : 'in'}">${formatAmount(amount.amount)} ${amount.currency}</td>
    </tr>`;
  });
  return page(
    { ...base, title: name, step: 'Transactions', head: LIVE },
    html`${consentLive()}<p><a href="/demo/accounts">← Accounts</a></p>
    <div class="bank-head">${logo(base.bank.logoUrl)}
      <div><h1>5. ${name}</h1>
      <p class="muted"><code>${account.iban ?? account.bban ?? ''}</code> · ${account.currency} · ${base.bank.name}</p></div></div>
    <p class="periods">Period: ${periods}</p>
    <h2>Balance, ${base.from} to ${base.to}</h2>
    ${
      history
        ? html`${balanceChart(history)}${balanceChart(history, 'phone')}
        <p class="muted">End-of-day booked balance, worked back from the ${balanceLabel(history.anchor.balanceType).toLowerCase()} balance of ${formatAmount(history.anchor.amount)} ${history.currency}${history.anchor.referenceDate ? ` on ${history.anchor.referenceDate}` : ''} through the booked transactions.${history.skipped > 0 ? ` ${history.skipped} transaction(s) in another currency are left out.` : ''}</p>`
        : notice('warn', 'The bank shares no balance of this account, so there is no chart.')
    }
    <h2>Booked transactions</h2>
    ${
      base.transactions.length === 0
        ? html`<p class="muted">No booked transactions in this period.</p>`
        : html`<table class="transactions" id="transactions"><thead><tr><th>Booked</th><th>Counterparty and text</th><th class="amount">Amount</th></tr></thead>
      <tbody>${rows}</tbody></table>
      ${base.more > 0 ? html`<p class="muted">and ${base.more} earlier transaction(s) in the period, counted in the chart.</p>` : ''}`
    }`,
  );
}

export function problemPage(base: Base & { problem: Problem; pageRequestId: string }): string {
  const { problem } = base;
  return page(
    { ...base, title: problem.title },
    html`<h1>${problem.title}</h1>
    ${notice('error', problem.text)}
    <p class="muted developer">For developers: ${problem.detail ? html`<code id="api-detail">${problem.detail}</code> · ` : ''}${problem.requestId ? html`X-Request-ID of the API call: <code id="api-request-id">${problem.requestId}</code> · ` : ''}this page: <code>${base.pageRequestId}</code></p>
    <p><a class="button" href="/demo">Start again</a></p>`,
  );
}

const LIVE = html`<script src="/demo/assets/live.js" defer></script>`;

/** Filled in by live.js when an event says the consent ended while the page is open. */
function consentLive(): Html {
  return html`<div id="consent-live" class="notice warn" role="status" data-live-url="/demo/live" hidden></div>`;
}

/** Whether a booked transaction is the app's payment: the same amount out, the same message. */
function isPayment(t: Transaction, paid: { amount: string; message: string } | undefined) {
  if (!paid) return false;
  const amount = t.transactionAmount.amount;
  return (
    amount.startsWith('-') &&
    Number(amount.slice(1)) === Number(paid.amount) &&
    (t.remittanceInformationUnstructured ?? '') === paid.message
  );
}

function balanceLabel(type: string): string {
  const labels: Record<string, string> = {
    closingBooked: 'Booked',
    interimBooked: 'Booked today',
    interimAvailable: 'Available',
    expected: 'Expected',
    openingBooked: 'Opening',
    forwardAvailable: 'Forward available',
    nonInvoiced: 'Not invoiced',
  };
  return Object.hasOwn(labels, type) ? (labels[type] as string) : type;
}

export type { Html };
