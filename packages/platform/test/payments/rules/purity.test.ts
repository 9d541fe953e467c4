/**
 * The payment rules stay pure: no reading of the clock, no randomness, no process state. A
 * rule that needs the time takes it as an argument. What they may import (other rules, problem
 * codes, registry types) is held by the `rules-are-pure` rules of .dependency-cruiser.cjs
 * (`npm run check:layers`); the import check here catches the same mistake without it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../../src/payments/rules/', import.meta.url));
const files = readdirSync(dir).filter((file) => file.endsWith('.ts'));

describe('the payment rules', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s does not read the clock or draw random numbers', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/Date\.now\s*\(/);
    expect(source).not.toMatch(/new Date\(\s*\)/);
    expect(source).not.toMatch(/performance\.now|process\.|Math\.random|crypto\./);
  });

  it.each(files)(
    '%s imports only sibling rules, shared rules, problems and registry types',
    (file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      const imports = [...source.matchAll(/^(import|export)\b[^;]*?from '([^']+)'/gms)].map(
        (m) => ({
          statement: m[0],
          from: m[2] as string,
        }),
      );
      for (const { statement, from } of imports) {
        const allowed =
          /^\.\/[a-z-]+\.js$/.test(from) ||
          /^\.\.\/\.\.\/consents\/rules\/[a-z-]+\.js$/.test(from) ||
          from === '../../problems.js' ||
          (from === '../../registry/types.js' && /^(import|export) type\b/.test(statement));
        expect(allowed, `${file}: ${statement}`).toBe(true);
      }
    },
  );
});
