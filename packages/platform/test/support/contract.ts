import { loadContract, type ObservedResponse } from '../../src/contract/index.js';

export type { ObservedResponse };

type HeaderValue = string | string[] | number | undefined;

/** The parts of a fastify `inject()` (light-my-request) response the helper reads. */
export interface InjectedResponse {
  statusCode: number;
  headers: Record<string, HeaderValue>;
  body: string;
  raw: { req: { method?: string; url?: string; headers: Record<string, HeaderValue> } };
}

/** The request side, for responses whose request is not attached to them. */
export interface RequestLine {
  method: string;
  url: string;
  headers?: Record<string, HeaderValue>;
}

/**
 * Reads what was asked and answered from an `inject()` response (its `raw.req` is the request).
 * Pass `request` to override it, e.g. when only the response object is at hand.
 */
export function fromInject(response: InjectedResponse, request?: RequestLine): ObservedResponse {
  const req = request ?? response.raw.req;
  if (!req.method || !req.url)
    throw new Error('fromInject: the request method and url are unknown');
  return {
    method: req.method,
    url: req.url,
    statusCode: response.statusCode,
    headers: response.headers,
    body: response.body,
    requestId: firstValue(req.headers?.['x-request-id']),
  };
}

/** For real HTTP calls: fetch bodies can be read only once, so the caller passes the text. */
export function fromFetch(
  method: string,
  url: string,
  response: Response,
  bodyText: string,
  requestHeaders?: Record<string, string>,
): ObservedResponse {
  const requestId = Object.entries(requestHeaders ?? {}).find(
    ([name]) => name.toLowerCase() === 'x-request-id',
  )?.[1];
  return {
    method,
    url,
    statusCode: response.status,
    headers: headersOf(response),
    body: bodyText,
    requestId,
  };
}

/**
 * Everything about the response that the NextGenPSD2 contract (with Bankbridge's errata) does not
 * allow; empty when it conforms.
 */
export function checkContract(response: ObservedResponse | InjectedResponse): string[] {
  return loadContract().checkResponse(toObserved(response));
}

/** Fails the test with every contract problem of `response`, named readably. */
export function expectContract(response: ObservedResponse | InjectedResponse): void {
  const observed = toObserved(response);
  const problems = loadContract().checkResponse(observed);
  if (problems.length === 0) return;
  throw new ContractViolation(observed, problems);
}

export class ContractViolation extends Error {
  readonly problems: readonly string[];

  constructor(observed: ObservedResponse, problems: readonly string[]) {
    super(
      [
        `${observed.method.toUpperCase()} ${observed.url} answered ${observed.statusCode}, which the NextGenPSD2 contract does not allow:`,
        ...problems.map((problem) => `  - ${problem}`),
      ].join('\n'),
    );
    this.name = 'ContractViolation';
    this.problems = problems;
  }
}

function toObserved(response: ObservedResponse | InjectedResponse): ObservedResponse {
  return 'method' in response ? response : fromInject(response);
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function firstValue(value: HeaderValue): string | undefined {
  return value === undefined ? undefined : String(Array.isArray(value) ? value[0] : value);
}
