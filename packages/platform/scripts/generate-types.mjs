#!/usr/bin/env node
// Regenerates the NextGenPSD2 contract's types, with Bankbridge's errata applied (the same errata
// the contract validator uses, so the types and the tests agree on every shape). They are written
// once, into the client SDK (packages/client/src/generated/nextgenpsd2.ts): the SDK is published
// on its own and must ship its types, and the platform imports them type-only from
// `@bankbridge/client`. `--check` writes nothing and exits 1 if the checked-in file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { tsImport } from 'tsx/esm/api';

const OUTPUT = fileURLToPath(new URL('../../client/src/generated/nextgenpsd2.ts', import.meta.url));

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
const shown = relative(process.cwd(), OUTPUT);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUTPUT, 'utf8');
  } catch {}
  if (current !== generated) {
    console.error(`${shown} is stale: run \`npm run generate:types\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${shown} is up to date.`);
} else {
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, generated);
  console.log(`wrote ${shown}`);
}
