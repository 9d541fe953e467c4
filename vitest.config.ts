import { defineConfig } from 'vitest/config';

/**
 * The workspace's @bankbridge/client as its TypeScript sources (its exports' custom condition,
 * which tsconfig.json's customConditions names too): no build before a test, and never a stale
 * dist/. Tests run in Vite's server-side environment, hence `ssr`; `resolve` covers the others.
 */
const conditions = ['@bankbridge/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Tests start real HTTP servers and databases; two cores run two files at a time.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
