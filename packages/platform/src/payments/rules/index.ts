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
 * - `creditor-address.ts`  the creditor's address a bank needs for payments abroad
 * - `psu-headers.ts`       the PSU headers a call about a payment carries to the bank
 * - `cancellation.ts`      DELETE: at once, with SCA, or refused (405)
 * - `idempotency.ts`       X-Request-ID replay: new, replay, wait or refuse
 * - `errors.ts`            the rule error (code, status, text, path)
 *
 * Errata of the contract's payment part these rules work around (numbered as in the payment
 * research notes, PAYMENTS.md 2.3):
 * - P1  the product path enum has only the global products: bank products from the registry
 *       are reachable, anything else is 404 PRODUCT_UNKNOWN (`products.ts`);
 * - P2  the request `oneOf` overlaps (no periodic body passes it): the schema is chosen from
 *       service × product, then checked strictly (`parse-payment.ts`);
 * - P5  `amountValue` allows `-5`, `0`, `1e3`, 16 digits: anchored, > 0, minor units (`amount.ts`);
 * - P6  account references need no identifier and take any text: exactly one, IBAN checksum
 *       (`payment-account.ts`);
 * - P7  `requestedExecutionDate` has no date format: YYYY-MM-DD required (`parse-payment.ts`);
 * - P12 the periodic and bulk examples (`"monthly"`, `"01"`, `"true"`, `paymentInformationId`)
 *       fail the schema and are refused here too;
 * - P14 ISO names for ACSP and ACCC (`status.ts`);
 * - P15 giro debtors are taken for periodic payments as for single ones;
 * - P19 `debtorAccount` is optional where the registry says the PSU picks it during SCA.
 */
export * from './amount.js';
export * from './bank-product-body.js';
export * from './cancellation.js';
export * from './creditor-address.js';
export * from './errors.js';
export * from './idempotency.js';
export * from './parse-payment.js';
export * from './payment-account.js';
export * from './products.js';
export * from './psu-headers.js';
export * from './status.js';
export * from './types.js';
