import { readFileSync } from 'node:fs';

export interface StaticAsset {
  body: Buffer;
  /** Its Content-Type. */
  type: string;
}

/**
 * A set of pages' own scripts and styles, by file name: read once, when their routes are set
 * up (a few kilobytes, served from memory; a missing file fails the start, not a page).
 * `dir` ends with a slash: `new URL('./assets/', import.meta.url)`.
 */
export function readAssets(dir: URL, types: Record<string, string>): Map<string, StaticAsset> {
  return new Map(
    Object.entries(types).map(([name, type]) => [
      name,
      { body: readFileSync(new URL(name, dir)), type },
    ]),
  );
}
