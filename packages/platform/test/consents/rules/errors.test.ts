import { describe, expect, it } from 'vitest';
import {
  type ConsentRuleCode,
  formatError,
  parameterNotSupported,
  serviceInvalid,
  statusInvalid,
  toTppMessage,
} from '../../../src/consents/rules/errors.js';
import { Problem } from '../../../src/problems.js';
import { type TppMessageCode, tppMessagesBody } from '../../../src/psd2/tpp-messages.js';

// Compile-time: every code of the rules is a code the PSD2 layer can send.
const codes: TppMessageCode[] = [] as ConsentRuleCode[];

describe('consent rule errors', () => {
  it('carry the Berlin Group code with its status', () => {
    expect(formatError('validUntil', 'is not a date')).toEqual({
      kind: 'invalidField',
      code: 'FORMAT_ERROR',
      status: 400,
      text: 'validUntil: is not a date',
      path: 'validUntil',
    });
    expect(serviceInvalid('access.allPsd2', 'no')).toMatchObject({
      code: 'SERVICE_INVALID',
      status: 400,
    });
    expect(parameterNotSupported('access.accounts[0].pan', 'no')).toMatchObject({
      code: 'PARAMETER_NOT_SUPPORTED',
      status: 400,
    });
    expect(statusInvalid('no')).toMatchObject({ code: 'STATUS_INVALID', status: 409 });
    expect(codes).toEqual([]);
  });

  it('become a tppMessages entry, and a Problem with the same body', () => {
    const error = formatError('frequencyPerDay', 'must be an integer of at least 1');
    expect(toTppMessage(error)).toEqual({
      category: 'ERROR',
      code: 'FORMAT_ERROR',
      text: 'frequencyPerDay: must be an integer of at least 1',
      path: 'frequencyPerDay',
    });
    expect(toTppMessage(statusInvalid('ended'))).toEqual({
      category: 'ERROR',
      code: 'STATUS_INVALID',
      text: 'ended',
    });
    const http = new Problem(error.code, error.text, { status: error.status });
    expect(http.statusCode).toBe(400);
    expect(tppMessagesBody(http)).toEqual({
      tppMessages: [{ category: 'ERROR', code: 'FORMAT_ERROR', text: error.text }],
    });
  });
});
