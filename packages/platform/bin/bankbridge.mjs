#!/usr/bin/env node
// Runs the TypeScript sources directly, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
// Before anything imports oidc-provider: its Node.js version notice, held back on Node.js 20.
await (await import('../src/cli/quiet-runtime-warning.ts')).loadOidcProvider();
await import('../src/cli/main.ts');
