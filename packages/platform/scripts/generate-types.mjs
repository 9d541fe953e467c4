#!/usr/bin/env node
// Regenerates src/generated/nextgenpsd2.ts from the vendored NextGenPSD2 contract with
// Bankbridge's errata applied (the same errata the contract validator uses, so the types and the
// tests agree on every shape), and the same file for the client SDK, which is published on its
// own and so cannot import the platform's copy. `--check` writes nothing and exits 1 if either
// checked-in file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { tsImport } from 'tsx/esm/api';

const OUTPUTS = [
  fileURLToPath(new URL('../src/generated/nextgenpsd2.ts', import.meta.url)),
  fileURLToPath(new URL('../../client/src/generated/nextgenpsd2.ts', import.meta.url)),
];

const HEADER = `// Generated file, do not edit: run \`npm run generate:types\` to regenerate.
// Source: packages/platform/openapi/nextgenpsd2-1.3.3.yaml (Open Payments Europe NextGenPSD2 1.3.3,
// CC BY 4.0) with the errata of packages/platform/src/contract/errata.ts, by openapi-typescript
// via packages/platform/scripts/generate-types.mjs.

`;

async function generateTypes() {
  // The errata live in TypeScript so the runtime validator and this script share them.
  const { readPublishedContract } = await tsImport('../src/contract/spec-file.ts', import.meta.url);
  const { applyErrata } = await tsImport('../src/contract/errata.ts', import.meta.url);
  const { document } = applyErrata(readPublishedContract(), 'types');
  return HEADER + astToString(await openapiTS(document));
}

const generated = await generateTypes();
const check = process.argv.includes('--check');
let stale = false;
for (const output of OUTPUTS) {
  const shown = relative(process.cwd(), output);
  if (check) {
    let current = '';
    try {
      current = readFileSync(output, 'utf8');
    } catch {}
    if (current === generated) {
      console.log(`${shown} is up to date.`);
    } else {
      console.error(`${shown} is stale: run \`npm run generate:types\` and commit the result.`);
      stale = true;
    }
  } else {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, generated);
    console.log(`wrote ${shown}`);
  }
}
if (stale) process.exit(1);
