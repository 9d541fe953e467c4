/**
 * The consent rules stay pure: no reading of the clock. A rule that needs the time takes it as
 * an argument. What they may import (other rules, problem codes, registry types) is held by
 * the `rules-are-pure` rules of .dependency-cruiser.cjs (`npm run check:layers`).
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

  it.each(files)('%s does not read the clock', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/Date\.now\s*\(/);
    expect(source).not.toMatch(/new Date\(\s*\)/);
    expect(source).not.toMatch(/performance\.now|process\.|Math\.random/);
  });
});
