import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const GENERATOR = fileURLToPath(new URL('../scripts/generate-types.mjs', import.meta.url));

describe('the generated contract types', () => {
  it('are exactly what the generator produces from the vendored contract and its errata, in the client SDK that ships them', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [GENERATOR, '--check']);
    expect(stdout).toContain('packages/client/src/generated/nextgenpsd2.ts is up to date');
  });
});
