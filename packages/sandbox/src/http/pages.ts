// HTML of the pages a PSU sees: the bank's login and decision pages, the BankID app
// simulator and the sandbox index. Plain server-rendered HTML with inline CSS, no scripts.
// What a page says about the resource being authorised comes from its SCA resource kind.

import { PERSONNUMMER_EXAMPLES } from '../domain/generated-customers.js';
import type { Psu } from '../domain/model.js';
import { hashString } from '../domain/random.js';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A stable brand colour per bank so the sandbox banks look distinct. */
function accentOf(seed: string): string {
  return `hsl(${hashString(seed) % 360} 55% 32%)`;
}

export function layout(title: string, body: string, brand: { name: string; seed: string }): string {
  const accent = accentOf(brand.seed);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f4f6;color:#111827}
header{background:${accent};color:#fff;padding:14px 24px;display:flex;justify-content:space-between;align-items:center}
header strong{font-size:1.1rem}header span{opacity:.8;font-size:.85rem}
main{max-width:760px;margin:24px auto;padding:0 16px}
.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:20px 24px;margin-bottom:16px}
h1{font-size:1.35rem;margin:0 0 12px}h2{font-size:1.05rem;margin:0 0 10px}
label{display:block;font-weight:600;margin:8px 0 4px}
input[type=text]{width:100%;padding:10px;border:1px solid #d1d5db;border-radius:6px;font-size:1rem}
button{padding:10px 18px;border-radius:6px;border:0;font-size:1rem;cursor:pointer;margin-right:8px}
.primary{background:${accent};color:#fff}.secondary{background:#e5e7eb;color:#111827}
table{width:100%;border-collapse:collapse;font-size:.9rem}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
code{background:#f3f4f6;padding:1px 4px;border-radius:4px}
.error{background:#fef2f2;color:#991b1b;border:1px solid #fecaca;padding:10px 12px;border-radius:6px;margin-bottom:12px}
.muted{color:#6b7280;font-size:.9rem}.account{display:flex;gap:10px;align-items:flex-start;padding:8px 0;border-bottom:1px solid #f3f4f6}
.qr svg{width:220px;height:220px}.sandbox{background:#fef3c7;color:#92400e;font-size:.8rem;text-align:center;padding:4px}
</style></head>
<body><div class="sandbox">Bankbridge sandbox: simulated bank, test data only</div>
<header><strong>${escapeHtml(brand.name)}</strong><span>${escapeHtml(brand.seed)}</span></header>
<main>${body}</main></body></html>`;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function scenarioLabel(psu: Psu): string {
  return psu.scenario ? ` <span class="muted">(${escapeHtml(psu.scenario)})</span>` : '';
}

export function psuTable(psus: readonly Psu[]): string {
  const rows = psus
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.psuId)}</code></td><td>${escapeHtml(p.name)}${scenarioLabel(p)}</td><td>${escapeHtml(p.description)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>PSU id</th><th>Name</th><th>What happens</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** How a tester gets a customer at a Swedish bank without a test PSU. */
function anyPersonalNumberHint(lead: string): string {
  const examples = PERSONNUMMER_EXAMPLES.map((id) => `<code>${id}</code>`).join(' or ');
  return `${lead} valid Swedish personal number (12 digits, <code>YYYYMMDDNNNC</code>, e.g. ${examples}) logs in as a generated customer with the same accounts every time.`;
}

export function loginPage(args: {
  bankName: string;
  bic: string;
  sessionId: string;
  actionUrl: string;
  psus: readonly Psu[];
  /** The bank makes up a customer for any valid personnummer. */
  anyPersonalNumber?: boolean;
  /** Ends "A third party (via Bankbridge) ...": what is asked of the PSU. */
  request: string;
  error?: string;
  psuId?: string;
}): string {
  const error = args.error ? `<div class="error">${escapeHtml(args.error)}</div>` : '';
  const anyone = args.anyPersonalNumber
    ? `<p class="muted">${anyPersonalNumberHint('Any')} Or use a test user below.</p>`
    : '';
  return layout(
    `Log in to ${args.bankName}`,
    `<div class="card"><h1>Log in</h1>${error}
<p class="muted">A third party (via Bankbridge) ${escapeHtml(args.request)}.</p>
<form method="post" action="${escapeHtml(args.actionUrl)}">${hidden('session', args.sessionId)}
<label for="psuId">Personal number, identity code or corporate id</label>
<input type="text" id="psuId" name="psuId" value="${escapeHtml(args.psuId ?? '')}" autocomplete="off" autofocus>${anyone}
<p><button class="primary" type="submit">Log in</button></p></form></div>
<div class="card"><h2>Test users</h2>${psuTable(args.psus)}</div>`,
    { name: args.bankName, seed: args.bic },
  );
}

/** Where the logged-in PSU approves or denies; the resource kind supplies what it is about. */
export function decisionPage(args: {
  bankName: string;
  bic: string;
  sessionId: string;
  actionUrl: string;
  psu: Psu;
  /** Before " at {bank}": Approve access. */
  title: string;
  /** HTML: what the PSU approves. */
  summaryHtml: string;
  /** HTML form fields of the PSU's choices, or ''. */
  choicesHtml: string;
  error?: string;
}): string {
  const error = args.error ? `<div class="error">${escapeHtml(args.error)}</div>` : '';
  return layout(
    `${args.title} at ${args.bankName}`,
    `<div class="card"><h1>Hello ${escapeHtml(args.psu.name)}</h1>${error}
${args.summaryHtml}
<form method="post" action="${escapeHtml(args.actionUrl)}">${hidden('session', args.sessionId)}${args.choicesHtml}
<p><button class="primary" type="submit" name="decision" value="approve">Approve</button>
<button class="secondary" type="submit" name="decision" value="deny">Deny</button></p></form></div>`,
    { name: args.bankName, seed: args.bic },
  );
}

export function messagePage(
  title: string,
  message: string,
  brand: { name: string; seed: string },
): string {
  return layout(
    title,
    `<div class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></div>`,
    brand,
  );
}

export function bankIdPage(args: {
  autoStartToken?: string;
  qrSvg?: string;
  bankName?: string;
  psuName?: string;
  /** Set when nobody is identified yet (QR flow): the person picks who they are. */
  psus?: readonly Psu[];
  /** Ends "A third party ...": what is asked of the PSU. */
  request?: string;
  /** HTML about the resource being authorised, below the request. */
  appHtml?: string;
  status?: string;
  actionUrl?: string;
  error?: string;
}): string {
  const brand = { name: 'BankID (simulated)', seed: 'BankID' };
  const error = args.error ? `<div class="error">${escapeHtml(args.error)}</div>` : '';
  if (!args.autoStartToken || !args.actionUrl) {
    return layout(
      'BankID simulator',
      `<div class="card"><h1>BankID simulator</h1>${error}
<form method="get" action=""><label for="autostarttoken">Autostart token</label>
<input type="text" id="autostarttoken" name="autostarttoken"><p><button class="primary" type="submit">Open</button></p></form>
<form method="get" action=""><label for="qr">Or scan an animated QR code: paste its content (bankid.…), at most 30 seconds old</label>
<input type="text" id="qr" name="qr" autocomplete="off"><p><button class="primary" type="submit">Scan</button></p></form></div>`,
      brand,
    );
  }
  const pending = args.status === 'started' || args.status === 'received';
  const picker = args.psus
    ? `<label for="psuId">Who is scanning? Personal number, identity code or corporate id</label>
<select id="psuId" name="psuId">${args.psus
        .map(
          (p) =>
            `<option value="${escapeHtml(p.psuId)}">${escapeHtml(p.name)} (${escapeHtml(p.psuId)})</option>`,
        )
        .join('')}</select>`
    : '';
  // Identifying only says who is at the phone; the order is signed by a separate Approve, as
  // in the BankID app.
  const step = args.psus
    ? '<button class="primary" name="action" value="open" type="submit">Identify</button>'
    : '<button class="primary" name="action" value="approve" type="submit">Approve</button>';
  const actions = pending
    ? `<form method="post" action="${escapeHtml(args.actionUrl)}">${picker}<p>${step}
<button class="secondary" name="action" value="deny" type="submit">Cancel</button></p></form>`
    : `<p>This order is <strong>${escapeHtml(args.status ?? '')}</strong>.</p>`;
  return layout(
    'BankID',
    `<div class="card"><h1>Identify to ${escapeHtml(args.bankName ?? '')}</h1>${error}
<p>${args.psuName ? `${escapeHtml(args.psuName)}, a` : 'A'} third party ${escapeHtml(args.request ?? '')}.</p>${args.appHtml ?? ''}
<div class="qr">${args.qrSvg ?? ''}</div>
<p class="muted">bankid:///?autostarttoken=${escapeHtml(args.autoStartToken)}</p>${actions}</div>`,
    brand,
  );
}

export function indexPage(args: {
  banks: Array<{ bic: string; name: string; baseUrl: string; scaApproaches: string[] }>;
  psus: readonly Psu[];
  /** Some bank makes up a customer for any valid personnummer. */
  anyPersonalNumber?: boolean;
}): string {
  const anyone = args.anyPersonalNumber
    ? `<p class="muted">${anyPersonalNumberHint('At the Swedish banks any')}</p>`
    : '';
  const rows = args.banks
    .map(
      (b) =>
        `<tr><td><code>${escapeHtml(b.bic)}</code></td><td>${escapeHtml(b.name)}</td><td>${escapeHtml(b.scaApproaches.join(', '))}</td><td><code>${escapeHtml(b.baseUrl)}</code></td></tr>`,
    )
    .join('');
  return layout(
    'Bankbridge sandbox banks',
    `<div class="card"><h1>Sandbox banks</h1><table><thead><tr><th>BIC</th><th>Bank</th><th>SCA</th><th>Base URL</th></tr></thead><tbody>${rows}</tbody></table></div>
<div class="card"><h2>Test users (at every bank)</h2>${psuTable(args.psus)}${anyone}</div>`,
    { name: 'Bankbridge sandbox', seed: 'sandbox' },
  );
}

export function htmlErrorPage(status: number): string {
  // What a bank's gateway sends when the API behind it fails: no JSON at all.
  return `<!doctype html><html><head><title>${status} Error</title></head><body><h1>${status} ${status === 503 ? 'Service Unavailable' : 'Internal Server Error'}</h1><hr><p>gateway</p></body></html>`;
}
