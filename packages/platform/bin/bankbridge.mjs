#!/usr/bin/env node
// Runs the TypeScript sources directly, so a fresh clone needs no build step: tsx compiles
// them, and the workspace's @bankbridge/client resolves to its sources (source-condition.mjs).
import { register } from 'tsx/esm/api';
import { resolveWorkspaceSources } from './source-condition.mjs';

// Every command but a few opens the store. Kysely is ESM in some 280 files: imported before
// tsx's hooks exist, it skips their round trip per file, a third of a second of each run.
await import('kysely');
register();
resolveWorkspaceSources();
await import('../src/cli/main.ts');
