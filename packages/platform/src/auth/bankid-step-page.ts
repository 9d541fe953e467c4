/**
 * Bankbridge's page that shows the bank's BankID order, at a bank without a login page of its
 * own (see `sca/decoupled-on-page.ts`): the QR code the BankID app scans, which changes every
 * second, and the link that opens BankID on this device. The page asks Bankbridge for the
 * code of the moment and whether the PSU has confirmed; without scripts it reloads itself.
 * The texts speak to the bank's customer, not to a developer.
 */
import { STEP_PAGE_STYLE } from './account-step-page.js';
import { escapeHtml as e } from './error-page.js';

export interface BankIdStepPage {
  app: string;
  bankName: string;
  /** The QR code of this second, as a `data:` URL. */
  qrImage: string;
  /** The link that opens the BankID app on this device. */
  appLink: string;
  /** Where the page asks how things stand (JSON), and where the cancel button posts. */
  statusUrl: string;
  cancelAction: string;
  /** The bank did not answer the last time it was asked. */
  bankSilent?: boolean | undefined;
  /** At a sandbox bank: its BankID simulator's page for this order. */
  simulatorUrl?: string | undefined;
}

/** What the status URL answers, for the page's script. */
export type BankIdPageStatus = { qr: string; bankSilent: boolean } | { next: string };

export const BANK_SILENT_TEXT = 'Your bank is not answering right now. We keep trying.';

const STYLE = `${STEP_PAGE_STYLE}
.qr{display:block;margin:1.25rem auto .5rem;width:280px;max-width:100%;height:auto;image-rendering:pixelated;border:1px solid #c9cfd9;border-radius:.4rem}
a.button{display:block;text-align:center;font-weight:600;padding:.65rem 1.2rem;border-radius:.4rem;border:1px solid #1f4fd1;background:#1f4fd1;color:#fff;text-decoration:none;margin-top:1rem}
a.button:focus{outline:3px solid #7aa7ff;outline-offset:1px}
.status{color:#4a5263;text-align:center;margin:.75rem 0 0}
ol{padding-left:1.25rem}`;

/**
 * The script polls once a second; on an answer that names the next page it goes there. A
 * status it cannot read is retried more slowly rather than shown: the PSU may still confirm.
 */
function script(statusUrl: string): string {
  return `(function(){
var qr=document.getElementById('qr'),status=document.getElementById('status');
var waiting=status.textContent;
function later(ms){setTimeout(poll,ms);}
function poll(){
fetch(${inScript(statusUrl)},{credentials:'same-origin',cache:'no-store',headers:{accept:'application/json'}})
.then(function(r){if(!r.ok)throw new Error(String(r.status));return r.json();})
.then(function(s){
if(s.next){location.replace(s.next);return;}
if(s.qr&&qr.getAttribute('src')!==s.qr)qr.setAttribute('src',s.qr);
status.textContent=s.bankSilent?${inScript(BANK_SILENT_TEXT)}:waiting;
later(1000);})
.catch(function(){later(3000);});
}
later(1000);
})();`;
}

/** A string as a script's literal, safe inside the page's `<script>` element. */
function inScript(value: string): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

export function bankIdStepPage(page: BankIdStepPage): string {
  const { app, bankName } = page;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<noscript><meta http-equiv="refresh" content="2"></noscript>
<link rel="icon" href="data:,">
<title>Confirm with BankID</title>
<style>${STYLE}</style></head>
<body><main>
<h1>Confirm with BankID</h1>
<p>To let ${e(app)} see the accounts you chose at <strong>${e(bankName)}</strong>, confirm with
BankID.</p>
<ol>
<li>Open the BankID app on your phone.</li>
<li>Tap the QR code button in the app.</li>
<li>Point the camera at the code below, then follow the steps in the app.</li>
</ol>
<img id="qr" class="qr" src="${e(page.qrImage)}" width="280" height="280" alt="QR code to scan with the BankID app">
<p id="status" class="status" role="status" aria-live="polite">${
    page.bankSilent ? e(BANK_SILENT_TEXT) : 'Waiting for you to confirm in the BankID app…'
  }</p>
<p class="hint">The code changes every second, so a photo of it does not work.</p>
<a class="button" href="${e(page.appLink)}">Open BankID on this device</a>
${
  page.simulatorUrl
    ? `<p class="hint">A sandbox bank: <a href="${e(page.simulatorUrl)}" target="_blank" rel="noopener">approve in the BankID simulator</a> as a test person instead.</p>`
    : ''
}
<div class="buttons">
<form method="post" action="${e(page.cancelAction)}" class="cancel"><button type="submit" class="secondary">Cancel, share nothing</button></form>
</div>
</main>
<script>${script(page.statusUrl)}</script>
</body></html>
`;
}
