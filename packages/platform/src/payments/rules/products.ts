/**
 * Payment products × services. The four global products are Bankbridge's unified models, the
 * same at every bank; a bank's own products (`paymentProducts` of the registry) are passed
 * through to that bank with structural checks only.
 *
 * The order of the checks, and so of the answers:
 *  1. the product is neither a global product the bank offers nor one of its own (or an alias
 *     of one): 404 PRODUCT_UNKNOWN (erratum P1: the contract's path enum is widened on purpose,
 *     so an unknown product is never a 400 from schema validation);
 *  2. the service is not one the product can express (periodic or bulk `swedish-giro`), or the
 *     product is for the other PSU context (a corporate-only product with a private token), or
 *     it was deprecated before today: 403 PRODUCT_INVALID.
 *
 * Decisions:
 * - A product in both lists (`sepa-credit-transfers` at SEB) is the global one: the unified
 *   model wins, and the registry refuses bank details for it.
 * - A service that does not fit the product is 403 PRODUCT_INVALID (the product is not
 *   available for this), not 400 SERVICE_INVALID: the service in the path is valid in itself.
 * - The bank's deprecation date is compared with the bank's local date, passed in.
 */
import type {
  AspspEntry,
  BankPaymentProduct,
  PaymentService,
  PsuContext,
} from '../../registry/types.js';
import { type PaymentRuleError, refusal } from './errors.js';

export type { PaymentService, PsuContext } from '../../registry/types.js';

export const PAYMENT_SERVICES: readonly PaymentService[] = [
  'payments',
  'periodic-payments',
  'bulk-payments',
];

export const GLOBAL_PAYMENT_PRODUCTS = [
  'domestic',
  'sepa-credit-transfers',
  'international',
  'swedish-giro',
] as const;
export type GlobalPaymentProduct = (typeof GLOBAL_PAYMENT_PRODUCTS)[number];

/**
 * The services each global product can express. A giro payment is a single payment to a
 * bankgiro or plusgiro number with an OCR or invoice reference: the contract's periodic and
 * bulk bodies have no giro creditor.
 */
export const GLOBAL_PRODUCT_SERVICES: Record<GlobalPaymentProduct, readonly PaymentService[]> = {
  domestic: PAYMENT_SERVICES,
  'sepa-credit-transfers': PAYMENT_SERVICES,
  international: PAYMENT_SERVICES,
  'swedish-giro': ['payments'],
};

export function isGlobalPaymentProduct(value: string): value is GlobalPaymentProduct {
  return (GLOBAL_PAYMENT_PRODUCTS as readonly string[]).includes(value);
}

export function isPaymentService(value: string): value is PaymentService {
  return (PAYMENT_SERVICES as readonly string[]).includes(value);
}

/** What the product rules need of the bank's registry entry. */
export type ProductBank = Pick<AspspEntry, 'globalPaymentProducts' | 'paymentProducts'> & {
  payments: Pick<AspspEntry['payments'], 'products'>;
};

export type ResolvedProduct =
  | { kind: 'global'; product: GlobalPaymentProduct }
  /** `product` is the bank's current id (the alias asked for is resolved). */
  | { kind: 'bank'; product: string; details: BankPaymentProduct };

export interface ProductRequest {
  /** The `{payment-product}` of the path. */
  product: string;
  service: PaymentService;
  /** From the token's scope. */
  context: PsuContext;
  /** The bank's local date today (YYYY-MM-DD), for deprecations. */
  today: string;
}

const DEFAULT_DETAILS: BankPaymentProduct = {
  services: ['payments'],
  contexts: ['private', 'corporate'],
  aliases: [],
};

function productInvalid(text: string): PaymentRuleError {
  return refusal('PRODUCT_INVALID', 403, text);
}

function findBankProduct(
  bank: ProductBank,
  id: string,
): Extract<ResolvedProduct, { kind: 'bank' }> | undefined {
  if (bank.paymentProducts.includes(id)) {
    return { kind: 'bank', product: id, details: bank.payments.products[id] ?? DEFAULT_DETAILS };
  }
  for (const [product, details] of Object.entries(bank.payments.products)) {
    if (details.aliases.includes(id)) return { kind: 'bank', product, details };
  }
  return undefined;
}

/** The product a request addresses at this bank, or the refusal to answer with. */
export function resolvePaymentProduct(
  bank: ProductBank,
  request: ProductRequest,
): { ok: true; value: ResolvedProduct } | { ok: false; error: PaymentRuleError } {
  const { product, service, context, today } = request;
  if (isGlobalPaymentProduct(product) && bank.globalPaymentProducts.includes(product)) {
    if (!GLOBAL_PRODUCT_SERVICES[product].includes(service)) {
      return {
        ok: false,
        error: productInvalid(`The payment product ${product} is not available as ${service}`),
      };
    }
    return { ok: true, value: { kind: 'global', product } };
  }
  const found = findBankProduct(bank, product);
  if (!found) {
    return {
      ok: false,
      error: refusal(
        'PRODUCT_UNKNOWN',
        404,
        `The bank does not offer the payment product ${product.slice(0, 70)}`,
      ),
    };
  }
  const { details } = found;
  if (!details.services.includes(service)) {
    return {
      ok: false,
      error: productInvalid(
        `The payment product ${product} is not available as ${service} (only ${details.services.join(', ')})`,
      ),
    };
  }
  if (!details.contexts.includes(context)) {
    return {
      ok: false,
      error: productInvalid(
        `The payment product ${product} is not available with a ${context} token (only ${details.contexts.join(', ')})`,
      ),
    };
  }
  if (details.deprecatedFrom !== undefined && today >= details.deprecatedFrom) {
    return {
      ok: false,
      error: productInvalid(
        `The payment product ${product} is no longer offered since ${details.deprecatedFrom}`,
      ),
    };
  }
  return { ok: true, value: found };
}

/**
 * Whether a product executes as soon as it is authorised, so that an authorised payment of it
 * can no longer be cancelled: instant transfers and transfers between the PSU's own accounts.
 * Decided by the product's name, as banks name them (`instant-sepa-credit-transfers`,
 * `swedish-domestic-private-own-accounts-transfers`), so a registry product needs no code.
 */
export function executesAtOnce(product: string): boolean {
  return ['instant', 'own-accounts', 'intra-company'].some((word) => product.includes(word));
}
