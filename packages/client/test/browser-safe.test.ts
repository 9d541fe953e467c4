// The SDK runs in browsers as in Node.js: its sources compile against the DOM and ES
// libraries alone (packages/client/tsconfig.json has no Node.js types), and import nothing
// from Node.js or from other packages.

import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const CLIENT = path.resolve(import.meta.dirname, '..');
const ROOT = path.resolve(CLIENT, '../..');

it('type-checks without Node.js types', async () => {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = await promisify(execFile)(
    process.execPath,
    [tsc, '-p', path.join(CLIENT, 'tsconfig.json'), '--noEmit'],
    { cwd: ROOT },
  ).catch((error: { stdout: string; code: number }) => error);
  expect('code' in result ? result.stdout : '').toBe('');
}, 60_000);

it('imports only its own modules', () => {
  const sources = readdirSync(path.join(CLIENT, 'src'), {
    recursive: true,
    encoding: 'utf8',
  }).filter((file) => file.endsWith('.ts'));
  expect(sources).toContain('client.ts');
  for (const file of sources) {
    const text = readFileSync(path.join(CLIENT, 'src', file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const target of imports) expect(target, `${file} imports ${target}`).toMatch(/^\.\//);
  }
});
