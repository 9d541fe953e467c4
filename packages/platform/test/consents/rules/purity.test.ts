/**
 * The consent rules stay pure: no I/O modules, no HTTP layer, no store, no reading of the
 * clock. A rule that needs the time takes it as an argument.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../../src/consents/rules/', import.meta.url));
const files = readdirSync(dir).filter((file) => file.endsWith('.ts'));

describe('the consent rules', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports only its siblings, registry types and problem codes', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/^(import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => [
      m[1],
      m[2],
    ]);
    for (const [, from] of imports) {
      const allowed =
        from?.startsWith('./') ||
        from === '../../registry/types.js' ||
        from === '../../problems.js' ||
        from?.startsWith('../../sca/rules/');
      expect(allowed, `${file} imports ${from}`).toBe(true);
    }
    // Registry types only as types.
    expect(source).not.toMatch(/^import \{[^}]*\} from '\.\.\/\.\.\/registry/m);
  });

  it.each(files)('%s does not read the clock', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/Date\.now\s*\(/);
    expect(source).not.toMatch(/new Date\(\s*\)/);
    expect(source).not.toMatch(/performance\.now|process\.|Math\.random/);
  });
});
