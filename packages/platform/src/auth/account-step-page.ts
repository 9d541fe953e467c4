/**
 * Bankbridge's pages where the PSU chooses the accounts to share, at a bank that cannot let the
 * PSU pick them on its own pages (see `consents/rules/offered-consent.ts`): naming them before
 * the bank's login, or ticking them from the bank's list after it. The texts speak to the
 * bank's customer, not to a developer.
 */
import { escapeHtml as e } from './error-page.js';

export interface AccountStepPage {
  /** The app's name, as its developer registered it. */
  app: string;
  bankName: string;
  /** The PSU confirms in BankID on Bankbridge's next page rather than at the bank's login. */
  bankIdNext?: boolean | undefined;
  /** Where the form posts the accounts, and where the cancel button posts. */
  formAction: string;
  cancelAction: string;
  /** What the PSU typed, shown again with `error`. */
  typed?: string | undefined;
  error?: string | undefined;
}

export const STEP_PAGE_STYLE = `*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2433;background:#f5f6f8;line-height:1.5}
main{max-width:34rem;margin:2.5rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.35rem;margin:0 0 1rem;overflow-wrap:anywhere}
p{overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:1.25rem 0 .4rem}
fieldset{border:0;margin:1.25rem 0 0;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.4rem;padding:0}
label.choice{display:flex;gap:.75rem;align-items:flex-start;font-weight:400;margin:0 0 .5rem;padding:.7rem .8rem;border:1px solid #c9cfd9;border-radius:.4rem;cursor:pointer}
label.choice input{margin-top:.3rem;width:1.1rem;height:1.1rem;flex:none}
label.choice span{min-width:0;overflow-wrap:anywhere}
label.choice small{display:block;color:#4a5263;font-family:ui-monospace,Menlo,Consolas,monospace}
textarea{display:block;width:100%;font:inherit;font-family:ui-monospace,Menlo,Consolas,monospace;padding:.6rem;border:1px solid #9aa3b2;border-radius:.4rem;resize:vertical}
textarea:focus,button:focus{outline:3px solid #7aa7ff;outline-offset:1px}
.hint{color:#4a5263;font-size:.92rem;margin:.4rem 0 0}
.error{background:#fdecec;border:1px solid #e3a1a1;color:#8a1c1c;padding:.6rem .8rem;border-radius:.4rem}
.buttons{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
button{font:inherit;font-weight:600;padding:.65rem 1.2rem;border-radius:.4rem;border:1px solid #1f4fd1;background:#1f4fd1;color:#fff;cursor:pointer;max-width:100%;white-space:normal}
button.secondary{background:#fff;color:#1f4fd1}
form.cancel{margin:0}
@media (max-width:30rem){main{margin:0;border-radius:0;box-shadow:none;padding:1.25rem 1rem}.buttons>*{flex:1 1 100%}.buttons button{width:100%}}`;

function frame(app: string, error: string | undefined, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Choose the accounts to share</title>
<style>${STEP_PAGE_STYLE}</style></head>
<body><main>
<h1>Choose the accounts to share with ${e(app)}</h1>
${error ? `<p class="error" role="alert">${e(error)}</p>` : ''}
${content}
</main></body></html>
`;
}

function buttons(form: string, go: string, cancelAction: string): string {
  return `<div class="buttons">
<button type="submit" form="${form}">${e(go)}</button>
<form method="post" action="${e(cancelAction)}" class="cancel"><button type="submit" class="secondary">Cancel, share nothing</button></form>
</div>`;
}

/** Before the bank's login: the PSU types the accounts' IBANs. */
export function accountStepPage(page: AccountStepPage): string {
  const { app, bankName } = page;
  return frame(
    app,
    page.error,
    `<p>${e(app)} asks to see some of your accounts at <strong>${e(bankName)}</strong>: each
account, its balance and its transactions. Your bank does not let you choose the accounts on its
own pages, so choose them here. ${
      page.bankIdNext ? 'Then you confirm with BankID.' : 'Then you log in at your bank to confirm.'
    }</p>
<form method="post" action="${e(page.formAction)}" id="accounts">
<label for="ibans">Account numbers (IBAN), one per line</label>
<textarea id="ibans" name="ibans" rows="3" required autocomplete="off" autocapitalize="characters" spellcheck="false">${e(page.typed ?? '')}</textarea>
<p class="hint">An IBAN starts with two letters for the country, such as SE in Sweden; other account
numbers are not taken here. You find the IBAN in your bank's app or on an account statement. ${e(app)}
sees only the accounts you enter here, and your bank checks that they are yours.</p>
</form>
${buttons('accounts', page.bankIdNext ? 'Continue to BankID' : 'Continue to your bank', page.cancelAction)}`,
  );
}

export interface PickStepPage {
  app: string;
  bankName: string;
  formAction: string;
  cancelAction: string;
  /** The accounts the bank lists: the form's value, and how the PSU knows the account. */
  choices: Array<{ key: string; name: string | undefined; number: string; currency?: string }>;
  /** The keys ticked, shown again with `error`. */
  ticked?: readonly string[] | undefined;
  error?: string | undefined;
}

/** After the bank's login: the PSU ticks accounts from the bank's list; none is ticked first. */
export function pickStepPage(page: PickStepPage): string {
  const { app, bankName } = page;
  const ticked = new Set(page.ticked ?? []);
  const choices = page.choices
    .map(
      (choice) =>
        `<label class="choice"><input type="checkbox" name="account" value="${e(choice.key)}"${
          ticked.has(choice.key) ? ' checked' : ''
        }><span>${e(choice.name ?? 'Account')}${choice.currency ? ` (${e(choice.currency)})` : ''}<small>${e(
          choice.number,
        )}</small></span></label>`,
    )
    .join('\n');
  return frame(
    app,
    page.error,
    `<p>You are logged in at <strong>${e(bankName)}</strong>. Tick the accounts ${e(app)} may see:
each account, its balance and its transactions. ${e(app)} sees none of the others.</p>
<form method="post" action="${e(page.formAction)}" id="pick">
<fieldset><legend>Your accounts</legend>
${choices || '<p>Your bank lists no accounts you could share.</p>'}
</fieldset>
</form>
${buttons('pick', `Share with ${app}`, page.cancelAction)}`,
  );
}
