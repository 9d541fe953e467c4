// An application's payments in the portal, after a real payment against a sandbox bank: the
// list with amount, creditor, product, bank and status with its ISO name, and the payment's
// page with its status history (who moved it) and the requests behind it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPayments } from '../../src/portal/app-payments.js';
import { UsersRepository } from '../../src/portal/users.js';
import type { Registry } from '../../src/registry/index.js';
import type { PaymentRecord, PaymentsRepository } from '../../src/store/payments.js';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  authoriseDecoupled,
  ERIK,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PortalClient } from './portal-client.js';

const PASSWORD = 'a long enough password';
const BIC = 'SWEDSESS';
let tpp: TestPlatform;
let ops: PortalClient;
let paymentId: string;
let caller: PaymentCaller;

/** The text of a page's element with this id, tags and runs of space flattened. */
function section(body: string, id: string): string {
  const start = body.indexOf(`id="${id}"`);
  const end = body.indexOf('</section>', start);
  return body
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  // The test platform's client has no owner: an operator sees it.
  await new UsersRepository(tpp.store.db).create({
    email: 'ops@example.com',
    password: PASSWORD,
    role: 'operator',
  });
  ops = new PortalClient(tpp.api);
  await ops.signIn('ops@example.com', PASSWORD);
  caller = {
    bic: BIC,
    token: await tpp.token('paymentinitiation private'),
    headers: { 'tpp-redirect-preferred': 'false' },
  };
  const [anna] = await accountsOf(tpp, BIC, ANNA);
  const [erik] = await accountsOf(tpp, BIC, ERIK);
  const created = await initiate(
    tpp,
    caller,
    paymentBody(anna?.iban as string, erik?.iban as string, '99.50'),
  );
  paymentId = created.paymentId;
  await authoriseDecoupled(tpp, caller, created.path);
  await pis(tpp, caller, 'GET', `${created.path}/status`);
}, 60_000);
afterAll(() => tpp?.close());

describe("an application's payments", () => {
  it('lists the payment with amount, creditor, product, bank and status with its ISO name', async () => {
    const page = await ops.get(`/portal/apps/${tpp.client.id}`);
    expect(page.status).toBe(200);
    const text = section(page.body, 'payments');
    expect(text).toContain(paymentId);
    expect(text).toContain('99.50 SEK');
    expect(text).toContain('Enterprise Inc');
    expect(text).toContain('domestic');
    expect(text).toContain(`Swedbank AB ${BIC}`);
    expect(text).toMatch(/(ACSP AcceptedSettlementInProcess|ACSC AcceptedSettlementCompleted)/);
  });

  it('shows its status history with who moved it, and the requests behind it', async () => {
    const page = await ops.get(`/portal/apps/${tpp.client.id}/payments/${paymentId}`);
    expect(page.status).toBe(200);
    const history = section(page.body, 'history');
    expect(history).toMatch(/RCVD created your request [0-9a-f-]{36}/);
    // The SCA was finalised at the bank, which the poll that saw it took over.
    expect(history).toMatch(/RCVD → AC[A-Z]{2} .+ the bank [0-9a-f-]{36}/);
    const requests = section(page.body, 'requests');
    // The creation (no id in its path, found by its request id), then the calls on its path.
    const created = requests.indexOf('POST /psd2/paymentinitiation/v1/payments/domestic 201');
    const authorised = requests.indexOf(`/payments/domestic/${paymentId}/authorisations`);
    expect(created).toBeGreaterThan(-1);
    expect(authorised).toBeGreaterThan(created);
    expect(requests).toContain(
      `GET /psd2/paymentinitiation/v1/payments/domestic/${paymentId}/status 200`,
    );
  });

  it("answers another application's payment, and a malformed id, as not found", async () => {
    const other = await ops.get(`/portal/apps/${tpp.client.id}/payments/not-an-id`);
    expect(other.status).toBe(404);
    const users = new UsersRepository(tpp.store.db);
    await users.create({ email: 'dev@example.com', password: PASSWORD, role: 'developer' });
    const dev = new PortalClient(tpp.api);
    await dev.signIn('dev@example.com', PASSWORD);
    const hidden = await dev.get(`/portal/apps/${tpp.client.id}/payments/${paymentId}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).not.toContain('Enterprise Inc');
  });
});

describe('payment rows', () => {
  const record = (body: Record<string, unknown>): PaymentRecord =>
    ({
      id: 'p1',
      clientId: 'c',
      bic: 'HANDSESS',
      service: 'bulk-payments',
      product: 'domestic',
      body,
      status: 'PDNG',
      createdAt: '2025-03-01T10:00:00.000Z',
      statusChangedAt: '2025-03-01T10:00:00.000Z',
    }) as PaymentRecord;
  const rows = (body: Record<string, unknown>) =>
    appPayments(
      {
        payments: { listForClient: async () => [record(body)] } as unknown as PaymentsRepository,
        registry: { aspsps: [] } as unknown as Registry,
      },
      'c',
    );

  it('totals a bulk in one currency exactly, and names its creditors', async () => {
    const item = (amount: string, creditorName: string) => ({
      instructedAmount: { currency: 'SEK', amount },
      creditorName,
    });
    const [row] = await rows({
      payments: [item('0.10', 'A'), item('0.20', 'B'), item('1000', 'B')],
    });
    expect(row).toMatchObject({
      amount: '1000.30',
      currency: 'SEK',
      items: 3,
      creditorName: '2 creditors',
      statusName: 'Pending',
      state: 'authorised',
    });
  });

  it('leaves out what a body does not say, and reads a giro creditor', async () => {
    const [mixed] = await rows({
      payments: [
        { instructedAmount: { currency: 'SEK', amount: '1' } },
        { instructedAmount: { currency: 'EUR', amount: '1' } },
      ],
    });
    expect(mixed?.amount).toBeUndefined();
    const [giro] = await rows({
      instructedAmount: { currency: 'SEK', amount: '12' },
      creditorName: 'Elbolaget',
      creditorGiro: { giroNumber: '5050-1055', giroType: 'BANKGIRO' },
    });
    expect(giro).toMatchObject({ amount: '12', creditorAccount: 'BANKGIRO 5050-1055' });
  });
});
