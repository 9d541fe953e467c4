import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ENVIRONMENT } from '../src/config.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');

it('documents every environment variable the platform reads', () => {
  const missing = ENVIRONMENT.filter((v) => !readme.includes(`| \`${v.name}\` |`)).map(
    (v) => v.name,
  );
  expect(missing).toEqual([]);
});

it('shows the two-command quick start', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm test');
});
