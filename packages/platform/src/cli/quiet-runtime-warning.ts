/**
 * oidc-provider 9 prints one line when it is first imported on a Node.js LTS older than 22
 * (lib/index.js checks `process.release.lts` against "Jod"), although it runs on Node.js 20.19,
 * which Bankbridge supports. Every release of 9 prints it, and 8 has another API, so the line
 * is held back here, where `bankbridge start` loads oidc-provider before the platform: exactly
 * that line, only while oidc-provider is imported, and only on a Node.js Bankbridge supports.
 * Node.js 22 and later never print it. README, "Development notes", says the same.
 */
export const UNSUPPORTED_RUNTIME_LINE =
  'oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.';

/** The same line as oidc-provider colours it on a terminal. */
const COLOURED_LINE = `\u001b[31;1m${UNSUPPORTED_RUNTIME_LINE}\u001b[0m`;

/** Node.js 20.19 or later: what package.json's engines promise. */
export function supportedNode(version: string = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 20 || (major === 20 && minor >= 19);
}

/** Runs `load` with oidc-provider's runtime line held back from console.warn. */
export async function withoutRuntimeWarning<T>(load: () => Promise<T>): Promise<T> {
  if (!supportedNode()) return load();
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const [line] = args;
    if (args.length === 1 && (line === UNSUPPORTED_RUNTIME_LINE || line === COLOURED_LINE)) return;
    warn.apply(console, args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

/** Imports oidc-provider once, quietly; later imports get the module already loaded. */
export function loadOidcProvider(): Promise<unknown> {
  return withoutRuntimeWarning(() => import('oidc-provider'));
}
