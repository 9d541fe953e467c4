/**
 * Which way Bankbridge's layers may import, checked by `npm run check:layers` (and in CI).
 *
 *   platform.ts (the composition root)
 *     -> APIs: psd2/, auth/, aisp/, portal/, demo-app/, cli/, api/
 *       -> services: consents/, accounts/, sca/, payments/, events/
 *         -> rules (pure: consents/rules/, sca/rules/, payments/rules/)
 *         -> connectors/, store/, registry/
 *   store/ imports nothing of the app but the sealed box's type; http/ imports no store.
 *
 * Each rule says why it holds; README.md (Architecture) has the same table.
 */
const src = '^packages/platform/src/';

/** Folders (or files) of packages/platform/src as one anchored path pattern. */
const under = (...names) => `${src}(${names.join('|')})(/|$)`;

const apis = ['psd2', 'auth', 'aisp', 'portal', 'demo-app', 'cli', 'api', 'platform\\.ts'];
const services = ['consents', 'accounts', 'sca', 'payments', 'events'];
/** The pure rules beside the services that apply them. */
const rules = `${src}(consents|sca|payments)/rules/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A cycle makes load order matter and hides which module owns what; a parent that ' +
        'exports helpers to the route files it imports is the usual cause. Put shared helpers ' +
        'in a small module of their own.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { circular: true },
    },
    {
      name: 'store-owns-sql',
      comment:
        'The store owns all SQL, so only src/store/ talks to Kysely and the database drivers. ' +
        'Everyone else calls a repository module in src/store/, which keeps compare-and-set ' +
        'writes and transactions in one place.',
      severity: 'error',
      from: { path: '^packages/', pathNot: '^packages/platform/src/store/' },
      to: { path: '(^|/)node_modules/(kysely|better-sqlite3|pg)/' },
    },
    {
      name: 'store-imports-no-upper-layers',
      comment:
        'The store is the bottom layer: it defines the shapes it stores and callers pass ' +
        'values in. Importing auth, certificate or rule code would make the store depend on ' +
        'what depends on it. Only the sealed box (as a type) may come in, because rows are ' +
        'sealed with it.',
      severity: 'error',
      from: { path: `${src}store/` },
      to: {
        path: src,
        pathNot: [`${src}store/`, `${src}security/sealed-box\\.ts$`],
      },
    },
    {
      name: 'store-takes-the-sealed-box-as-a-type',
      comment: 'The store is handed a sealed box; it never builds one or reads its key itself.',
      severity: 'error',
      from: { path: `${src}store/` },
      to: { path: `${src}security/sealed-box\\.ts$`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'http-imports-no-store',
      comment:
        'src/http/ is plumbing (server, rate limits, request ids). What it needs from storage ' +
        'it declares as an interface; platform.ts passes the store in.',
      severity: 'error',
      from: { path: `${src}http/` },
      to: { path: `${src}store/` },
    },
    {
      name: 'demo-app-imports-no-cli',
      comment:
        'The demo app is a web app served by the platform; the CLI is one way to start things. ' +
        'What both need lives in a neutral module.',
      severity: 'error',
      from: { path: `${src}demo-app/` },
      to: { path: `${src}cli/` },
    },
    {
      name: 'rules-are-pure',
      comment:
        'The consent, SCA and payment rules are pure functions with an injected clock, tested ' +
        'without a server: they import only rules, the problems table and the registry types.',
      severity: 'error',
      from: { path: rules },
      to: {
        pathNot: [`${rules}[^/]+\\.ts$`, `${src}problems\\.ts$`, `${src}registry/types\\.ts$`],
      },
    },
    {
      name: 'rules-take-registry-types-only-as-types',
      comment: 'Registry types describe data; loading the registry is I/O and stays out of rules.',
      severity: 'error',
      from: { path: rules },
      to: { path: `${src}registry/`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-speak-no-protocol',
      comment:
        'Services throw problems and return data; each API renders them in its own protocol ' +
        '(tppMessages, RFC 6749, the AISP API). A service that imports an API can serve only ' +
        'that one.',
      severity: 'error',
      from: { path: under(...services) },
      to: { path: under(...apis) },
    },
    {
      name: 'sandbox-shares-no-code',
      comment:
        'The sandbox stands in for a real bank, so it speaks to the platform only over HTTP; ' +
        'shared code would let a platform bug hide in the bank as well.',
      severity: 'error',
      from: { path: '^packages/sandbox/src/' },
      to: { path: '^packages/(platform|client)/|(^|/)node_modules/@bankbridge/(platform|client)' },
    },
    {
      name: 'platform-and-client-share-no-code-with-the-sandbox',
      comment:
        'The other way round: neither the platform nor the SDK uses sandbox code (tests may ' +
        'start a sandbox bank from its source). The one exception is below.',
      severity: 'error',
      from: {
        path: '^packages/(platform|client)/src/',
        pathNot: '^packages/platform/src/cli/sandbox-command\\.ts$',
      },
      to: { path: '^packages/sandbox/|(^|/)node_modules/@bankbridge/sandbox' },
    },
    {
      name: 'cli-only-launches-the-sandbox',
      comment:
        '`bankbridge sandbox` and `bankbridge start` run the sandbox banks as a server of their ' +
        'own: the CLI loads the package when asked to (a dynamic import of @bankbridge/sandbox) ' +
        'and talks to it over HTTP like any bank, so no code is shared at run time.',
      severity: 'error',
      from: { path: '^packages/platform/src/cli/sandbox-command\\.ts$' },
      to: {
        path: '^packages/sandbox/|(^|/)node_modules/@bankbridge/sandbox',
        dependencyTypesNot: ['dynamic-import'],
      },
    },
    {
      name: 'connectors-import-no-upper-layers',
      comment:
        'A connector speaks to one bank; it knows no store, service or API, so it can be ' +
        'tested against the sandbox alone and reused by any service.',
      severity: 'error',
      from: { path: `${src}connectors/` },
      to: { path: under('store', ...services, ...apis, 'http') },
    },
    {
      name: 'registry-imports-no-upper-layers',
      comment: 'The registry of banks is data and its loader; services read it, never the reverse.',
      severity: 'error',
      from: { path: `${src}registry/` },
      to: { path: under('store', ...services, ...apis, 'http', 'connectors') },
    },
    {
      name: 'security-imports-nothing-of-the-app',
      comment:
        'Sealing, secrets and the master key are the bottom of the stack; keeping them free of ' +
        'the app keeps them small enough to review on their own.',
      severity: 'error',
      from: { path: `${src}security/` },
      to: { path: src, pathNot: `${src}security/` },
    },
  ],
  options: {
    // Type-only imports are seen as well (and told apart), so a layer cannot lean on another
    // through its types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^packages/[^/]+/src/generated/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@bankbridge/source', 'import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    cache: false,
  },
};
