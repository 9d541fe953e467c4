/**
 * Consent and SCA domain rules: pure functions, no I/O, no HTTP, no database; the clock and
 * the bank's settings are arguments. The PSD2 routes and the consent store call these and
 * turn a `ConsentRuleError` into the `tppMessages` error of the API.
 *
 * Where each rule lives:
 * - `types.ts`                 statuses, access forms, the consent record
 * - `parse-consent-request.ts` POST /consents body: FORMAT_ERROR, SERVICE_INVALID, caps
 * - `consent-state.ts`         consent state machine (409 STATUS_INVALID refusals)
 * - `sca-state.ts`             SCA state machine
 * - `lifecycle.ts`             create, apply events, time outs, validUntil, usability (401)
 * - `offered-consent.ts`       who lets the PSU pick a bank-offered consent's accounts
 * - `access.ts`                what a consent grants per account (404 / 401)
 * - `frequency.ts`             frequencyPerDay counting (429), one-off consents
 * - `sca-approach.ts`          REDIRECT / DECOUPLED choice, scaMethods, method selection
 * - `bank-status.ts`           a bank's SCA / consent statuses as Bankbridge events
 * - `dates.ts`, `iban.ts`, `account-reference.ts`  the building blocks
 * - `errors.ts`                the rule error (kind, code, status, text)
 */

export * from './access.js';
export * from './account-reference.js';
export * from './bank-status.js';
export * from './consent-state.js';
export * from './dates.js';
export * from './errors.js';
export * from './frequency.js';
export * from './iban.js';
export * from './lifecycle.js';
export * from './offered-consent.js';
export * from './parse-consent-request.js';
export * from './types.js';
