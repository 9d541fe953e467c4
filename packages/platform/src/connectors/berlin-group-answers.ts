import type { BankJsonObject } from './bank-connector.js';
import { BankError, type BankIdentity, type BankMessage } from './bank-error.js';
import type { BankCallKind } from './bank-hooks.js';
import type { BankResponse } from './bank-http.js';

export function isObject(value: unknown): value is BankJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function bankMessages(body: unknown): BankMessage[] | undefined {
  if (!isObject(body) || !Array.isArray(body.tppMessages)) return undefined;
  return body.tppMessages.filter(isObject).map((m) => {
    const message: BankMessage = {};
    if (typeof m.category === 'string') message.category = m.category;
    if (typeof m.code === 'string') message.code = m.code;
    if (typeof m.text === 'string') message.text = m.text;
    if (typeof m.path === 'string') message.path = m.path;
    return message;
  });
}

export function oauthError(body: unknown): { error: string; description?: string } | undefined {
  if (!isObject(body) || typeof body.error !== 'string') return undefined;
  return typeof body.error_description === 'string'
    ? { error: body.error, description: body.error_description }
    : { error: body.error };
}

export function describeBody(response: BankResponse): string {
  if (response.text.trim() === '') return 'an empty body';
  const type = response.headers.get('content-type') ?? '';
  if (/html/i.test(type) || /^\s*</.test(response.text)) return 'an HTML page';
  if (response.json === undefined) return 'a body that is not JSON';
  return 'JSON it does not document';
}

/**
 * How a bank's answer becomes an error:
 * 5xx, 3xx, or a body that is not JSON -> unavailable; 401 on a data call -> unauthorized;
 * OAuth access_denied -> access_denied; any other 4xx -> rejected with the bank's code.
 */
export function answerFailure(
  identity: BankIdentity,
  response: BankResponse,
  call: { kind: BankCallKind; operation: string },
): BankError {
  const { status } = response;
  const messages = bankMessages(response.json);
  const oauth = oauthError(response.json);
  const first = messages?.[0];
  const code = first?.code ?? oauth?.error;
  const text = first?.text ?? oauth?.description;
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const details = {
    status,
    ...(code !== undefined ? { code } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(messages ? { messages } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  const said = [code, text].filter(Boolean).join(' ');
  if (status >= 500 || status < 400 || response.json === undefined) {
    const what = status >= 500 && said ? said : describeBody(response);
    return new BankError(
      'unavailable',
      identity,
      `${call.operation} failed: the bank answered ${status} with ${what}`,
      details,
    );
  }
  const reason = `the bank answered ${status}${said ? ` ${said}` : ''}`;
  if (status === 401 && call.kind === 'data')
    return new BankError(
      'unauthorized',
      identity,
      `${call.operation} was refused: ${reason}`,
      details,
    );
  if (call.kind === 'token' && oauth?.error === 'access_denied')
    return new BankError('access_denied', identity, `SCA was denied: ${reason}`, details);
  return new BankError('rejected', identity, `${call.operation} was refused: ${reason}`, details);
}

export function malformedAnswer(
  identity: BankIdentity,
  operation: string,
  what: string,
): BankError {
  return new BankError(
    'unavailable',
    identity,
    `${operation}: the bank's answer is not as its API documents (${what})`,
  );
}
