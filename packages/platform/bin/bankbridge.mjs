#!/usr/bin/env node
// Runs the TypeScript sources directly, so a fresh clone needs no build step: tsx compiles
// them, and the workspace's @bankbridge/client resolves to its sources (source-condition.mjs).
import { register } from 'tsx/esm/api';
import { resolveWorkspaceSources } from './source-condition.mjs';

register();
resolveWorkspaceSources();
// Before anything imports oidc-provider: its Node.js version notice, held back on Node.js 20.
await (await import('../src/cli/quiet-runtime-warning.ts')).loadOidcProvider();
await import('../src/cli/main.ts');
