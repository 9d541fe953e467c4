import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_RULES } from '../../src/auth/client-rules.js';
import { ClientsRepository } from '../../src/store/clients.js';
import { CLI_TIMEOUT_MS, type CliResult, runCli } from '../support/cli.js';
import { createTestStore, type TestStore } from '../support/test-store.js';
import { createAuthority, issueQwac, issueServerCertificate } from './support/pki.js';

// Tests here run the CLI as a subprocess, some of them twice.
vi.setConfig({ testTimeout: 2 * CLI_TIMEOUT_MS + 10_000 });

/**
 * Binding clients to a TPP's certificates with the real `bankbridge` CLI, on the store the
 * platform reads: by organisation identifier, or read from the TPP's certificate.
 */
let store: TestStore;

const cli = (...args: string[]): Promise<CliResult> => runCli(store, args);

function expectRefusal(result: CliResult, problem: RegExp): void {
  expect(result.code, result.stdout).not.toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(problem);
}

beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.destroy();
});

const boundTo = async (id: string) =>
  (await new ClientsRepository(store.db, CLIENT_RULES).get(id)).certificateOrganizationId;

describe('bankbridge clients and TPP certificates', () => {
  it('creates a client bound to an organisation identifier', async () => {
    const result = await cli(
      'clients',
      'create',
      '--name',
      'Bound TPP',
      '--organization-id',
      'PSDSE-FINA-44059',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created).toMatchObject({ certificate_organization_id: 'PSDSE-FINA-44059' });
    expect(created.client_secret).toBeTruthy();
    expect(await boundTo(created.client_id)).toBe('PSDSE-FINA-44059');
  });

  it("binds a client to the organisation read from the TPP's certificate, and unbinds it", async () => {
    const created = JSON.parse(
      (await cli('clients', 'create', '--name', 'Later bound', '--json')).stdout,
    );
    expect(created.certificate_organization_id).toBeUndefined();
    const qwac = await issueQwac(await createAuthority('Some QTSP'), {
      organizationId: 'PSDFI-FINFSA-29884997',
    });
    const file = path.join(store.dataDir, 'qwac.pem');
    writeFileSync(file, qwac.cert);

    const bound = await cli('clients', 'set-certificate', created.client_id, '--certificate', file);
    expect(bound.code, bound.stderr).toBe(0);
    expect(bound.stdout).toMatch(/^certificate: {3}PSDFI-FINFSA-29884997$/m);
    expect(await boundTo(created.client_id)).toBe('PSDFI-FINFSA-29884997');

    const unbound = await cli('clients', 'set-certificate', created.client_id, '--none');
    expect(unbound.stdout).toMatch(/^certificate: {3}\(not bound\)$/m);
    expect(await boundTo(created.client_id)).toBeNull();
  });

  it('refuses what is not a PSD2 organisation or certificate, creating nothing', async () => {
    const before = (await new ClientsRepository(store.db, CLIENT_RULES).list()).length;
    expectRefusal(
      await cli('clients', 'create', '--name', 'X', '--organization-id', 'VATSE-556677889901'),
      /"VATSE-556677889901" is not a PSD2 organisation identifier/,
    );
    const server = await issueServerCertificate(await createAuthority('Some CA'));
    const file = path.join(store.dataDir, 'server.pem');
    writeFileSync(file, server.cert);
    expectRefusal(
      await cli('clients', 'create', '--name', 'X', '--certificate', file),
      /server\.pem: the certificate has no organizationIdentifier/,
    );
    expectRefusal(
      await cli('clients', 'create', '--name', 'X', '--certificate', '/nonexistent.pem'),
      /cannot read a PEM certificate from \/nonexistent\.pem/,
    );
    expectRefusal(
      await cli(
        'clients',
        'create',
        '--name',
        'X',
        '--certificate',
        file,
        '--organization-id',
        'PSDSE-FINA-44059',
      ),
      /give one of --organization-id, --certificate or --none, not several/,
    );
    expect((await new ClientsRepository(store.db, CLIENT_RULES).list()).length).toBe(before);
    expectRefusal(
      await cli('clients', 'set-certificate', 'some-id'),
      /give --organization-id, --certificate or --none/,
    );
  });
});
