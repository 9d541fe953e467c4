import { describe, expect, it } from 'vitest';
import {
  type ProductBank,
  type ProductRequest,
  resolvePaymentProduct,
} from '../../../src/payments/rules/products.js';

const seb: ProductBank = {
  globalPaymentProducts: ['sepa-credit-transfers', 'domestic', 'swedish-giro'],
  paymentProducts: [
    'swedish-domestic-private-credit-transfers',
    'intra-company-credit-transfers',
    'sepa-credit-transfers',
    'cross-border-credit-transfers',
  ],
  payments: {
    products: {
      'swedish-domestic-private-credit-transfers': {
        services: ['payments', 'periodic-payments'],
        contexts: ['private'],
        aliases: ['private-se-domestic-credit-transfers'],
        deprecatedFrom: '2026-08-28',
      },
      'intra-company-credit-transfers': {
        services: ['payments', 'bulk-payments'],
        contexts: ['corporate'],
        aliases: [],
      },
    },
  },
};

function request(overrides: Partial<ProductRequest>): ProductRequest {
  return {
    product: 'domestic',
    service: 'payments',
    context: 'private',
    today: '2026-03-10',
    ...overrides,
  };
}

describe('products × services', () => {
  it.each([
    [{ product: 'domestic' }, { kind: 'global', product: 'domestic' }],
    [
      { product: 'domestic', service: 'bulk-payments' },
      { kind: 'global', product: 'domestic' },
    ],
    [{ product: 'swedish-giro' }, { kind: 'global', product: 'swedish-giro' }],
    [
      { product: 'cross-border-credit-transfers', context: 'corporate' },
      { kind: 'bank', product: 'cross-border-credit-transfers' },
    ],
    [
      { product: 'private-se-domestic-credit-transfers' },
      { kind: 'bank', product: 'swedish-domestic-private-credit-transfers' },
    ],
    [
      { product: 'intra-company-credit-transfers', context: 'corporate', service: 'bulk-payments' },
      { kind: 'bank', product: 'intra-company-credit-transfers' },
    ],
  ] as [Partial<ProductRequest>, object][])('%j resolves to %j', (overrides, expected) => {
    const result = resolvePaymentProduct(seb, request(overrides));
    expect(result).toMatchObject({ ok: true, value: expected });
  });

  it('reads a product in both lists as the global one: the unified model wins', () => {
    const result = resolvePaymentProduct(seb, request({ product: 'sepa-credit-transfers' }));
    expect(result).toEqual({
      ok: true,
      value: { kind: 'global', product: 'sepa-credit-transfers' },
    });
  });

  it.each([
    [{ product: 'international' }, 404, 'PRODUCT_UNKNOWN'],
    [{ product: 'instant-sepa-credit-transfers' }, 404, 'PRODUCT_UNKNOWN'],
    [{ product: 'x'.repeat(500) }, 404, 'PRODUCT_UNKNOWN'],
    [{ product: 'swedish-giro', service: 'periodic-payments' }, 403, 'PRODUCT_INVALID'],
    [{ product: 'swedish-giro', service: 'bulk-payments' }, 403, 'PRODUCT_INVALID'],
    [{ product: 'intra-company-credit-transfers', context: 'private' }, 403, 'PRODUCT_INVALID'],
    [
      { product: 'swedish-domestic-private-credit-transfers', context: 'corporate' },
      403,
      'PRODUCT_INVALID',
    ],
    [
      { product: 'swedish-domestic-private-credit-transfers', service: 'bulk-payments' },
      403,
      'PRODUCT_INVALID',
    ],
    [
      { product: 'cross-border-credit-transfers', service: 'periodic-payments' },
      403,
      'PRODUCT_INVALID',
    ],
    [
      { product: 'swedish-domestic-private-credit-transfers', today: '2026-08-28' },
      403,
      'PRODUCT_INVALID',
    ],
  ] as [Partial<ProductRequest>, number, string][])('%j → %i %s', (overrides, status, code) => {
    const result = resolvePaymentProduct(seb, request(overrides));
    expect(result).toMatchObject({ ok: false, error: { status, code } });
    if (!result.ok) expect(result.error.text.length).toBeLessThan(200);
  });

  it('keeps a deprecated product until its date', () => {
    const result = resolvePaymentProduct(
      seb,
      request({ product: 'swedish-domestic-private-credit-transfers', today: '2026-08-27' }),
    );
    expect(result.ok).toBe(true);
  });
});
