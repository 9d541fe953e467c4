// How a sandbox bank treats a payment product. The products a bank offers come from the
// registry (globalPaymentProducts and paymentProducts); the product's name decides how fast
// it is executed, so a new registry product needs no code.

export type ExecutionSpeed = 'instant' | 'ownAccount' | 'cleared';

export function executionSpeed(product: string): ExecutionSpeed {
  if (product.includes('instant')) return 'instant';
  if (product.includes('own-accounts') || product.includes('intra-company')) return 'ownAccount';
  return 'cleared';
}

/** Products only private (or only corporate) customers may use, by their name. */
export function productAudience(product: string): 'private' | 'corporate' | 'any' {
  if (product.includes('-private-')) return 'private';
  if (product.includes('-corporate-') || product.includes('intra-company')) return 'corporate';
  return 'any';
}

/** SEPA products move euros only. */
export function productCurrencies(product: string): readonly string[] | undefined {
  return product.includes('sepa') ? ['EUR'] : undefined;
}
