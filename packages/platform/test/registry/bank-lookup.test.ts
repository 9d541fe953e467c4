import { describe, expect, it } from 'vitest';
import { bankLookup, defaultRegistryPath, loadRegistry } from '../../src/registry/index.js';

const registry = loadRegistry(defaultRegistryPath(), {
  sandboxUrl: 'http://127.0.0.1:4100/',
  apiUrl: 'https://api.bankbridge.test',
  authUrl: 'https://auth.bankbridge.test',
});

describe('bankLookup', () => {
  const bank = bankLookup(registry);

  it('finds a bank by its BIC in any case and with spaces around', () => {
    for (const sent of ['ESSESESS', 'essesess', ' EsseSess ']) {
      expect(bank(sent)?.bicFi, sent).toBe('ESSESESS');
    }
  });

  it('finds every bank of the registry, and no other', () => {
    for (const entry of registry.aspsps) expect(bank(entry.bicFi)).toBe(entry);
    expect(bank('NOSUCHXX')).toBeUndefined();
    expect(bank('')).toBeUndefined();
  });
});
