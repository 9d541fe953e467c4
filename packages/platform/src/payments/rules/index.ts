/**
 * Payment initiation domain rules: pure functions, no I/O; the clock, the bank's time zone and
 * its registry settings are arguments. The payment service calls these and turns a
 * `PaymentRuleError` into a `Problem` (`Problem.fromRule`).
 *
 * Where each rule lives:
 * - `status.ts`            transactionStatus values, the lifecycle, bank statuses, TPP states
 * - `products.ts`          global and bank products × services (404 / 403)
 * - `parse-payment.ts`     a global product's body → the canonical model (`types.ts`)
 * - `bank-product-body.ts` a bank product's body, structural checks only
 * - `amount.ts`, `payment-account.ts`  the building blocks (currencies, amounts, accounts)
 * - `cancellation.ts`      DELETE: at once, with SCA, or refused (405)
 * - `idempotency.ts`       X-Request-ID replay: new, replay, wait or refuse
 * - `errors.ts`            the rule error (code, status, text, path)
 */
export * from './amount.js';
export * from './bank-product-body.js';
export * from './cancellation.js';
export * from './errors.js';
export * from './idempotency.js';
export * from './parse-payment.js';
export * from './payment-account.js';
export * from './products.js';
export * from './status.js';
export * from './types.js';
