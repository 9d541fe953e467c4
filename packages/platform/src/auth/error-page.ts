const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The page a browser sees when an authorisation request cannot be sent back to the TPP. */
export function errorPage(error: string, description?: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bankbridge: request refused</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d2433}
h1{font-size:1.4rem}code{background:#f1f3f7;padding:.1rem .3rem;border-radius:.2rem}</style></head>
<body><h1>This request cannot be completed</h1>
<p>Error: <code>${escapeHtml(error)}</code></p>
${description ? `<p>${escapeHtml(description)}</p>` : ''}
<p>Return to the application you came from and try again. If this keeps happening, give its
developers the error above.</p></body></html>
`;
}
