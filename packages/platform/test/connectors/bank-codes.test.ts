/**
 * Every code a bank can refuse with, through the one mapping: the TPP gets the Berlin Group
 * code and status it expects, within what the contract allows for an operation where a bank
 * answers that code, or a 500/503 when the refusal is Bankbridge's fault or the bank's outage.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BANK_CODES } from '../../src/connectors/bank-codes.js';
import { BankError } from '../../src/connectors/bank-error.js';
import { bankProblem } from '../../src/connectors/bank-problem.js';
import { Problem } from '../../src/problems.js';
import { tppMessagesBody } from '../../src/psd2/tpp-messages.js';
import { checkContract } from '../support/contract.js';

const BANK = { bic: 'SWEDSESS', name: 'Swedbank' };

/** [bank code, bank status, TPP code, TPP status]: what a TPP moving from a bank API expects. */
const EXPECTED: [string, number, string, number][] = [
  ['FORMAT_ERROR', 400, 'FORMAT_ERROR', 400],
  ['PARAMETER_NOT_SUPPORTED', 400, 'PARAMETER_NOT_SUPPORTED', 400],
  ['PARAMETER_NOT_CONSISTENT', 400, 'PARAMETER_NOT_CONSISTENT', 400],
  ['PERIOD_INVALID', 400, 'PERIOD_INVALID', 400],
  ['SERVICE_INVALID', 405, 'SERVICE_INVALID', 400],
  ['SERVICE_INVALID', 400, 'SERVICE_INVALID', 400],
  ['SERVICE_BLOCKED', 403, 'SERVICE_BLOCKED', 403],
  ['SESSIONS_NOT_SUPPORTED', 400, 'SESSIONS_NOT_SUPPORTED', 400],
  ['PSU_CREDENTIALS_INVALID', 401, 'PSU_CREDENTIALS_INVALID', 401],
  ['CORPORATE_ID_INVALID', 401, 'CORPORATE_ID_INVALID', 401],
  ['SCA_METHOD_UNKNOWN', 400, 'SCA_METHOD_UNKNOWN', 400],
  ['SCA_INVALID', 400, 'STATUS_INVALID', 409],
  ['STATUS_INVALID', 409, 'STATUS_INVALID', 409],
  ['RESOURCE_UNKNOWN', 404, 'RESOURCE_UNKNOWN', 404],
  ['RESOURCE_EXPIRED', 403, 'RESOURCE_EXPIRED', 403],
  ['RESOURCE_BLOCKED', 400, 'RESOURCE_BLOCKED', 400],
  // A bank's 429 is the bank limiting Bankbridge's calls (bankLimiting); only a read under a
  // consent answers it as the consent's ACCESS_EXCEEDED, which that read decides itself.
  ['ACCESS_EXCEEDED', 429, 'SERVICE_UNAVAILABLE', 503],
  ['REQUESTED_FORMATS_INVALID', 406, 'REQUESTED_FORMATS_INVALID', 406],
  ['CONSENT_INVALID', 401, 'CONSENT_INVALID', 401],
  ['CONSENT_EXPIRED', 401, 'CONSENT_EXPIRED', 401],
  ['CONSENT_UNKNOWN', 400, 'CONSENT_INVALID', 401],
  ['CONSENT_UNKNOWN', 403, 'CONSENT_INVALID', 401],
  ['PRODUCT_INVALID', 403, 'PRODUCT_INVALID', 403],
  ['PRODUCT_UNKNOWN', 404, 'PRODUCT_UNKNOWN', 404],
  ['PAYMENT_FAILED', 400, 'PAYMENT_FAILED', 400],
  ['EXECUTION_DATE_INVALID', 400, 'EXECUTION_DATE_INVALID', 400],
  ['CANCELLATION_INVALID', 405, 'CANCELLATION_INVALID', 405],
  ['FUNDS_NOT_AVAILABLE', 400, 'PAYMENT_FAILED', 400],
  ['TOKEN_INVALID', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['TOKEN_EXPIRED', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['TOKEN_UNKNOWN', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['CERTIFICATE_INVALID', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['CERTIFICATE_EXPIRED', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['CERTIFICATE_BLOCKED', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['CERTIFICATE_REVOKE', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['CERTIFICATE_MISSING', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['ROLE_INVALID', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['SIGNATURE_INVALID', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['SIGNATURE_MISSING', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['REQUIRED_KID_MISSING', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['TIMESTAMP_INVALID', 400, 'INTERNAL_SERVER_ERROR', 500],
  ['INTERNAL_SERVER_ERROR', 400, 'SERVICE_UNAVAILABLE', 503],
  ['SERVICE_UNAVAILABLE', 429, 'SERVICE_UNAVAILABLE', 503],
  ['invalid_grant', 400, 'CONSENT_INVALID', 401],
  ['invalid_request', 400, 'INTERNAL_SERVER_ERROR', 500],
  ['invalid_client', 401, 'INTERNAL_SERVER_ERROR', 500],
  ['unauthorized_client', 400, 'INTERNAL_SERVER_ERROR', 500],
  ['unsupported_grant_type', 400, 'INTERNAL_SERVER_ERROR', 500],
  ['invalid_scope', 400, 'INTERNAL_SERVER_ERROR', 500],
  ['server_error', 400, 'SERVICE_UNAVAILABLE', 503],
  ['temporarily_unavailable', 400, 'SERVICE_UNAVAILABLE', 503],
  ['A_CODE_OF_THE_BANKS_OWN', 400, 'FORMAT_ERROR', 400],
];

const PIS = new Set([
  'PRODUCT_INVALID',
  'PRODUCT_UNKNOWN',
  'PAYMENT_FAILED',
  'EXECUTION_DATE_INVALID',
]);

/** An operation where a bank answers the code, to check the TPP's answer against. */
function operationFor(tppCode: string, status: number): { method: string; url: string } {
  if (tppCode === 'CANCELLATION_INVALID') {
    return {
      method: 'DELETE',
      url: `/psd2/paymentinitiation/v1/payments/sepa-credit-transfers/${randomUUID()}`,
    };
  }
  if (PIS.has(tppCode)) {
    return { method: 'POST', url: '/psd2/paymentinitiation/v1/payments/sepa-credit-transfers' };
  }
  if (status === 406 || status === 429) {
    return {
      method: 'GET',
      url: `/psd2/accountinformation/v1/accounts/${randomUUID()}/transactions`,
    };
  }
  if (status === 404 || status === 403) {
    return { method: 'GET', url: `/psd2/accountinformation/v1/accounts/${randomUUID()}` };
  }
  return {
    method: 'PUT',
    url: `/psd2/consent/v1/consents/${randomUUID()}/authorisations/${randomUUID()}`,
  };
}

function refusal(code: string, status: number): BankError {
  return new BankError('rejected', BANK, `startDecoupled was refused: ${code}`, {
    status,
    code,
    text: 'the bank says why',
  });
}

describe('a bank refusal as the TPP gets it', () => {
  it('lists every code of the mapping table here', () => {
    const tested = new Set(EXPECTED.map(([code]) => code));
    expect(Object.keys(BANK_CODES).filter((code) => !tested.has(code))).toEqual([]);
  });

  it.each(EXPECTED)('%s (%i) -> %s %i', (bankCode, bankStatus, tppCode, tppStatus) => {
    const problem = bankProblem(refusal(bankCode, bankStatus));
    expect(problem).toBeInstanceOf(Problem);
    expect(problem).toMatchObject({ code: tppCode, statusCode: tppStatus });
    const { text } = problem as Problem;
    expect(text).toContain('Swedbank (SWEDSESS)');
    if (tppStatus < 500) expect(text).toContain(bankCode);
    const requestId = randomUUID();
    const violations = checkContract({
      ...operationFor(tppCode, tppStatus),
      statusCode: tppStatus,
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify(tppMessagesBody(problem as Problem)),
      requestId,
    });
    expect(violations).toEqual([]);
  });
});
