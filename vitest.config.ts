import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The workspace's @bankbridge/client as its TypeScript sources (its exports' custom condition,
 * which tsconfig.json's customConditions names too): no build before a test, and never a stale
 * dist/. Tests run in Vite's server-side environment, hence `ssr`; `resolve` covers the others.
 */
const conditions = ['@bankbridge/source'];

/**
 * With BANKBRIDGE_TEST_DB=postgres only the test files whose store can be PostgreSQL run: those
 * that reach, through their relative imports, a module reading BANKBRIDGE_TEST_DB (the test
 * store, the scale cluster). The others (rules, the sandbox alone, the SDK package, pages on an
 * embedded store) would only run a second time exactly as in the SQLite pass.
 */
const SELECTS_DATABASE = 'BANKBRIDGE_TEST_DB';
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function reachesDatabaseChoice(file: string, seen: Map<string, boolean>): boolean {
  const known = seen.get(file);
  if (known !== undefined) return known;
  seen.set(file, false);
  const text = readFileSync(file, 'utf8');
  let found = text.includes(SELECTS_DATABASE);
  for (const match of text.matchAll(IMPORT)) {
    if (found) break;
    const target = path.resolve(path.dirname(file), (match[1] as string).replace(/\.js$/, '.ts'));
    if (target.includes(`${path.sep}test${path.sep}`) && existsSync(target)) {
      found = reachesDatabaseChoice(target, seen);
    }
  }
  seen.set(file, found);
  return found;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function databaseIndependentTests(): string[] {
  if (process.env.BANKBRIDGE_TEST_DB !== 'postgres') return [];
  const root = path.dirname(new URL(import.meta.url).pathname);
  const seen = new Map<string, boolean>();
  return readdirSync(path.join(root, 'packages'))
    .map((name) => path.join(root, 'packages', name, 'test'))
    .filter((dir) => existsSync(dir))
    .flatMap(testFiles)
    .filter((file) => !reachesDatabaseChoice(file, seen))
    .map((file) => path.relative(root, file));
}

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...databaseIndependentTests()],
    // Tests start real HTTP servers and databases; two cores run two files at a time.
    pool: 'forks',
    maxWorkers: 2,
    // A worker runs its files one after another in one module graph instead of loading the
    // platform, fastify and oidc-provider again for each file: that loading was more than half
    // of a pass. So a file leaves nothing behind: it closes what it starts and restores fake
    // timers and what else it changes.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
