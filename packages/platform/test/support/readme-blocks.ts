// The README's shell blocks, for tests that run them as a reader pastes them.

import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/**
 * The code block of the README between `<!-- name:start -->` and `<!-- name:end -->`: a shell
 * block unless another `language` is named.
 */
export function readmeBlock(name: string, language = 'sh'): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = new RegExp(
    `<!-- ${name}:start -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`,
  ).exec(readme)?.[1];
  if (!block) throw new Error(`README.md has no ${name} block`);
  return block;
}

export async function waitFor(
  done: () => boolean,
  ms: number,
  explain: () => string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
