// SEB's decoupled payment SCA as the vendor documents it: authenticationStarted while the PSU
// has not opened Mobilt BankID, psuAuthenticated once they have, started while the bank waits
// for the signature, then finalised. The steps come from the registry's
// payments.decoupledScaSteps.

import { beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox, tppHeaders } from './helpers.js';
import { created, DOMESTIC, ERIK, ibansOf, paymentUrl, transfer } from './payment-helpers.js';

const BIC = 'ESSESESS';

describe('a bank with decoupled SCA steps of its own', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  it('reports authenticationStarted, psuAuthenticated, started, then finalised', async () => {
    const [current, savings] = await ibansOf(sandbox, BIC, ERIK);
    const id = await created(
      sandbox,
      BIC,
      DOMESTIC,
      transfer(current?.iban as string, savings?.iban as string, '1.00'),
    );
    const url = `${paymentUrl(BIC, DOMESTIC, id)}/authorisations`;
    const started = await sandbox.app.inject({
      method: 'POST',
      url,
      headers: tppHeaders({ 'psu-id': ERIK }),
    });
    expect(started.statusCode, started.body).toBe(201);
    const { authorisationId, autoStartToken } = started.json();
    const sca = async () =>
      (await sandbox.app.inject({ url: `${url}/${authorisationId}`, headers: tppHeaders() })).json()
        .scaStatus;
    const app = (action: 'open' | 'approve') =>
      sandbox.app.inject({
        method: 'POST',
        url: `/bankid/api/orders/${autoStartToken}`,
        payload: { action },
      });

    expect(await sca()).toBe('authenticationStarted');
    expect(await sca()).toBe('authenticationStarted');
    expect((await app('open')).statusCode).toBe(200);
    expect(await sca()).toBe('psuAuthenticated');
    expect(await sca()).toBe('started');
    expect(await sca()).toBe('started');
    expect((await app('approve')).statusCode).toBe(200);
    expect(await sca()).toBe('finalised');
  });
});
