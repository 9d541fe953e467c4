import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ENVIRONMENT } from '../src/config.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');

/** The first cell of every row of the README's tables, without backticks. */
const documented = new Set(
  readme
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|')[1]?.trim().replaceAll('`', '')),
);

it('documents every environment variable the platform reads', () => {
  const missing = ENVIRONMENT.map((v) => v.name).filter((name) => !documented.has(name));
  expect(missing).toEqual([]);
});

it('shows the two-command quick start', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm test');
});
