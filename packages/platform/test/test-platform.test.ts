// The test platform helper itself: with `sandbox` the registry's banks are live over HTTP,
// without it nothing listens.

import { afterEach, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/test-platform.js';

let t: TestPlatform | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('startTestPlatform', () => {
  it('starts no sandbox by default', async () => {
    t = await startTestPlatform();
    expect(t.sandboxUrl).toBeUndefined();
    expect(() => t?.admin('GET', '/banks')).toThrow(/sandbox/);
  });

  it('with sandbox, points the registry at live sandbox banks and reaches their admin API', async () => {
    t = await startTestPlatform({ sandbox: true });
    const sandboxUrl = t.sandboxUrl as string;
    expect(sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.platform.config.sandboxUrl).toBe(sandboxUrl);
    const bank = t.platform.registry.aspsps[0];
    expect(bank?.connector.baseUrl.startsWith(sandboxUrl)).toBe(true);

    const response = await t.admin('GET', '/banks');
    expect(response.status).toBe(200);
    expect(t.bankLogLines.length).toBeGreaterThan(0);
  });

  it('closes the sandbox with the platform', async () => {
    t = await startTestPlatform({ sandbox: {} });
    const sandboxUrl = t.sandboxUrl as string;
    await t.close();
    t = undefined;
    await expect(fetch(`${sandboxUrl}/admin/banks`)).rejects.toThrow();
  });
});
