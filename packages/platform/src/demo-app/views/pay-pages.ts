import { csrfField, type Html, html, notice } from '../../portal/html.js';
import { formatAmount } from '../amounts.js';
import type { PayFormErrors, PayFormFields } from '../pay-form.js';
import { type PaymentView, statusWords } from '../payment-texts.js';
import type { ChosenBank, PaymentInProgress } from '../sessions.js';
import { type Frame, logo, page } from './layout.js';

type Base = Omit<Frame, 'title' | 'step'>;

export interface PayableAccount {
  id: string;
  name: string;
  iban: string;
  currency: string;
}

/** The "Pay" form: from which account, how much, to whom, with what message. */
export function payPage(
  base: Base & {
    bank: ChosenBank;
    accounts: readonly PayableAccount[];
    values: PayFormFields;
    errors: PayFormErrors;
    /** What the bank said of a payment it did not take, or why the form was refused. */
    formError?: string | undefined;
    /** The API's words for it, for the developer. */
    formErrorDetail?: string | undefined;
    requestId?: string | undefined;
    suggestion?: { name: string } | undefined;
    csrf: string;
  },
): string {
  const { bank, values, errors } = base;
  const fieldError = (name: keyof PayFormErrors) =>
    errors[name] ? html`<p class="field-error" id="${name}-error">${errors[name]}</p>` : '';
  const invalid = (name: keyof PayFormErrors) =>
    errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : '';
  const count = Object.keys(errors).length;
  return page(
    { ...base, title: `Pay from your account at ${bank.name}`, step: 'Pay' },
    html`<p><a href="/demo/accounts">← Accounts</a></p>
    <div class="bank-head">${logo(bank.logoUrl)}
      <div><h1>6. Pay from your account at ${bank.name}</h1>
      <p class="muted">You sign the payment at ${bank.name}; then this page follows it until it is paid.</p></div></div>
    ${count > 0 ? notice('error', count === 1 ? 'One field needs a change before the payment can be sent.' : `${count} fields need a change before the payment can be sent.`) : ''}
    ${base.formError ? notice('error', base.formError) : ''}
    ${base.formErrorDetail ? html`<p class="muted developer">For developers: <code>${base.formErrorDetail}</code>${base.requestId ? html` · X-Request-ID <code>${base.requestId}</code>` : ''}</p>` : ''}
    ${
      base.accounts.length === 0
        ? notice('warn', `Your consent at ${bank.name} covers no account with an IBAN to pay from.`)
        : html`<form method="post" action="/demo/pay" class="pay" id="pay-form" novalidate>
      ${csrfField(base.csrf)}
      <label for="account">From</label>
      <select id="account" name="account"${invalid('account')}>${base.accounts.map(
        (a) =>
          html`<option value="${a.id}"${a.id === values.account ? ' selected' : ''}>${a.name} · ${a.iban} (${a.currency})</option>`,
      )}</select>
      ${fieldError('account')}
      <label for="amount">Amount</label>
      <input id="amount" name="amount" inputmode="decimal" autocomplete="off" value="${values.amount}" placeholder="125.50"${invalid('amount')}>
      ${fieldError('amount')}
      <label for="payeeName">To (name)</label>
      <input id="payeeName" name="payeeName" autocomplete="off" value="${values.payeeName}" maxlength="100"${invalid('payeeName')}>
      ${fieldError('payeeName')}
      <label for="payeeIban">Their IBAN</label>
      <input id="payeeIban" name="payeeIban" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${values.payeeIban}" placeholder="SE45 5000 0000 0583 9825 7466"${invalid('payeeIban')}>
      ${fieldError('payeeIban')}
      ${base.suggestion ? html`<p class="muted">Filled in: the sandbox's test customer ${base.suggestion.name}, at the same bank.</p>` : ''}
      <label for="message">Message to the payee</label>
      <input id="message" name="message" autocomplete="off" value="${values.message}" maxlength="200"${invalid('message')}>
      ${fieldError('message')}
      <label class="check"><input type="checkbox" name="preferDecoupled" value="true"${values.preferDecoupled ? ' checked' : ''}>
        Sign with Mobile BankID on my phone where the bank offers both</label>
      <p><button type="submit">Continue to sign at ${bank.name}</button></p>
    </form>`
    }`,
  );
}

/** The payment as it moves: what was paid, its state in words, each status the bank gave. */
export function paymentPage(
  base: Base & {
    payment: PaymentInProgress;
    view: PaymentView;
    /** Where the booked payment is listed: the debtor account's transactions. */
    accountUrl: string;
  },
): string {
  const { payment, view } = base;
  const { order, bank } = payment;
  return page(
    {
      ...base,
      title: `Payment: ${view.label}`,
      step: 'Pay',
      head: html`<script src="/demo/assets/live.js" defer></script>`,
    },
    html`<p><a href="/demo/accounts">← Accounts</a></p>
    <div class="bank-head">${logo(bank.logoUrl)}
      <div><h1>Your payment</h1>
      <p class="muted">From your ${order.accountName} at ${bank.name}</p></div></div>
    <section class="payment" id="payment" data-live-url="/demo/live" data-payment-id="${payment.flow.paymentId}" data-stage="${view.stage}">
      <p class="payment-amount"><span class="amount">${formatAmount(order.amount)} ${order.currency}</span> to <strong>${order.payeeName}</strong></p>
      <dl class="payment-details">
        <dt>Their IBAN</dt><dd><code>${order.payeeIban}</code></dd>
        <dt>Message</dt><dd>${order.message || html`<span class="muted">none</span>`}</dd>
      </dl>
      <p class="badge ${view.stage}" id="payment-label" role="status" aria-live="polite">${view.label}</p>
      <p id="payment-text">${view.text}</p>
      <p id="payment-booked"${view.stage === 'executed' ? '' : ' hidden'}><a class="button" href="${base.accountUrl}">See it in your account</a></p>
      <h2>What happened</h2>
      <ol class="history" id="payment-history">${historyItems(payment)}</ol>
      <p class="muted">Payment <code>${payment.flow.paymentId}</code>${view.transactionStatus ? html` · status <code id="payment-code">${view.transactionStatus}</code>` : ''}${payment.requestId ? html` · X-Request-ID <code>${payment.requestId}</code>` : ''}</p>
      <p class="muted">The page follows the payment as Bankbridge reports it to the app (its events): no need to reload.</p>
    </section>
    <p><a href="/demo/pay">Make another payment</a></p>`,
  );
}

export function historyItems(payment: PaymentInProgress): Html[] {
  return payment.history.map(
    (h) =>
      html`<li><time datetime="${h.at}">${h.at.slice(11, 19)}</time> ${statusWords(h.transactionStatus)} <code class="muted">${h.transactionStatus}</code></li>`,
  );
}
