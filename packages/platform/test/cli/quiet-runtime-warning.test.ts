import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  supportedNode,
  UNSUPPORTED_RUNTIME_LINE,
  withoutRuntimeWarning,
} from '../../src/cli/quiet-runtime-warning.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe("oidc-provider's runtime line", () => {
  it('holds back exactly that line, plain or coloured, while loading', async () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = console.warn;
    const loaded = await withoutRuntimeWarning(async () => {
      console.warn(UNSUPPORTED_RUNTIME_LINE);
      console.warn(`\u001b[31;1m${UNSUPPORTED_RUNTIME_LINE}\u001b[0m`);
      console.warn(`${UNSUPPORTED_RUNTIME_LINE} (and more)`);
      console.warn('oidc-provider WARNING: something else');
      console.warn(UNSUPPORTED_RUNTIME_LINE, 'with an argument');
      return 'module';
    });
    expect(loaded).toBe('module');
    expect(printed.mock.calls).toEqual([
      [`${UNSUPPORTED_RUNTIME_LINE} (and more)`],
      ['oidc-provider WARNING: something else'],
      [UNSUPPORTED_RUNTIME_LINE, 'with an argument'],
    ]);
    expect(console.warn).toBe(before);
    console.warn(UNSUPPORTED_RUNTIME_LINE);
    expect(printed).toHaveBeenCalledTimes(4);
  });

  it('restores console.warn when loading fails', async () => {
    const before = console.warn;
    await expect(
      withoutRuntimeWarning(async () => {
        throw new Error('no module');
      }),
    ).rejects.toThrow('no module');
    expect(console.warn).toBe(before);
  });

  it('is held back only on the Node.js versions package.json promises', () => {
    expect(supportedNode('20.18.3')).toBe(false);
    expect(supportedNode('18.20.4')).toBe(false);
    expect(supportedNode('20.19.0')).toBe(true);
    expect(supportedNode('22.12.0')).toBe(true);
    expect(supportedNode('24.1.0')).toBe(true);
  });

  it('is the line oidc-provider prints', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(
      new URL('../../../../node_modules/oidc-provider/lib/index.js', import.meta.url),
      'utf8',
    );
    const [, printed] = /attention\.warn\('([^']+)'\)/.exec(source) ?? [];
    expect(`oidc-provider WARNING: ${printed}`).toBe(UNSUPPORTED_RUNTIME_LINE);
  });
});
