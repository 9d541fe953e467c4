import type {
  HeaderObject,
  MediaTypeObject,
  OpenApiDocument,
  ResponseObject,
  SchemaObject,
} from './openapi-document.js';
import type { OperationIndex } from './operations.js';
import { resolveRef } from './resolve-ref.js';
import type { SchemaValidators } from './schema-validators.js';

/** A response as it went over the wire, whatever produced it (inject, fetch, a proxy log). */
export interface ObservedResponse {
  method: string;
  /** The request URL: a path with optional query (`/psd2/...?x=1`) or an absolute URL. */
  url: string;
  statusCode: number;
  /** Response headers; names in any case. */
  headers: Record<string, string | string[] | number | undefined>;
  /** The body text as received; empty or absent when there was none. */
  body?: string | undefined;
  /** The `X-Request-ID` the request carried, if known: the response must echo it. */
  requestId?: string | undefined;
}

interface CheckContext {
  document: OpenApiDocument;
  operations: OperationIndex;
  validators: SchemaValidators;
}

/** Everything about `observed` that the contract does not allow; empty when it conforms. */
export function checkResponse(context: CheckContext, observed: ObservedResponse): string[] {
  const method = observed.method.toUpperCase();
  const status = observed.statusCode;
  const lookup = context.operations.find(method, observed.url);
  switch (lookup.kind) {
    case 'outside-base-path':
      return [`${method} ${lookup.path} is outside the contract's base path ${lookup.basePath}`];
    case 'unknown-path':
      return [`no path in the contract matches ${method} ${lookup.basePath}${lookup.path}`];
    case 'method-not-declared': {
      const declared = lookup.declared.map((op) => op.method.toUpperCase()).join(', ');
      // A wrong method has no operation of its own; the 405 its path's operations declare is
      // the answer the contract describes for it.
      const methodNotAllowed = lookup.declared.find((op) => op.responses['405'])?.responses['405'];
      if (status === 405 && methodNotAllowed) {
        return checkDeclaredResponse(context, observed, methodNotAllowed);
      }
      return [
        `the contract has no ${method} on ${lookup.pathTemplate} (declared: ${declared}), so ${status} is not a contract answer`,
      ];
    }
    case 'found': {
      const { operation } = lookup;
      const response = pickResponse(operation.responses, status);
      if (!response) {
        const declared = Object.keys(operation.responses).join(', ');
        return [
          `status ${status} is not declared for ${operation.operationId} (declared: ${declared})`,
        ];
      }
      return checkDeclaredResponse(context, observed, response);
    }
  }
}

function pickResponse(
  responses: Record<string, ResponseObject>,
  status: number,
): ResponseObject | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

function checkDeclaredResponse(
  context: CheckContext,
  observed: ObservedResponse,
  response: ResponseObject,
): string[] {
  const headers = lowerCaseKeys(observed.headers);
  return [
    ...checkHeaders(context, headers, response),
    ...checkRequestIdEcho(headers, observed.requestId),
    ...checkBody(context, headers, observed.body ?? '', response),
  ];
}

function checkHeaders(
  context: CheckContext,
  headers: Record<string, string[]>,
  response: ResponseObject,
): string[] {
  const problems: string[] = [];
  for (const [name, declared] of Object.entries(response.headers ?? {})) {
    const header = resolveRef<HeaderObject>(context.document, declared);
    const values = headers[name.toLowerCase()] ?? [];
    if (values.length === 0) {
      if (header.required) problems.push(`header ${name} is missing (the contract requires it)`);
      continue;
    }
    if (values.length > 1) {
      problems.push(`header ${name} is sent ${values.length} times`);
      continue;
    }
    const schema = header.schema && resolveRef<SchemaObject>(context.document, header.schema);
    // Header values are text; only string-typed header schemas can be checked as they are.
    if (header.schema && (schema?.type === undefined || schema.type === 'string')) {
      problems.push(...context.validators.check(header.schema, values[0], `header ${name}`));
    }
  }
  return problems;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request id that is not a UUID cannot be echoed (the contract wants a UUID back), so only a
 * well-formed one must come back unchanged.
 */
function checkRequestIdEcho(headers: Record<string, string[]>, requestId?: string): string[] {
  const echoed = headers['x-request-id']?.[0];
  if (!requestId || !UUID.test(requestId) || echoed === undefined || echoed === requestId) {
    return [];
  }
  return [`header X-Request-ID is ${echoed}, not the request's ${requestId}`];
}

function checkBody(
  context: CheckContext,
  headers: Record<string, string[]>,
  body: string,
  response: ResponseObject,
): string[] {
  const content = response.content ?? {};
  const declaredTypes = Object.keys(content);
  if (declaredTypes.length === 0) {
    return body === ''
      ? []
      : [`the contract declares no body here, but one of ${body.length} characters came`];
  }
  if (body === '')
    return [`the contract declares a body here (${declaredTypes.join(', ')}), but none came`];

  const contentType = headers['content-type']?.[0];
  if (!contentType) return ['a body came without a Content-Type header'];
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const media = findMediaType(content, mediaType);
  if (!media) {
    return [
      `Content-Type ${mediaType} is not declared here (declared: ${declaredTypes.join(', ')})`,
    ];
  }
  // XML and text bodies (camt, MT940, pain.001) are not schema-checked.
  if (!isJson(mediaType) || !media.schema) return [];
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return [`the body is not valid JSON although Content-Type is ${mediaType}`];
  }
  return context.validators.check(media.schema, data, 'body');
}

function findMediaType(
  content: Record<string, MediaTypeObject>,
  mediaType: string,
): MediaTypeObject | undefined {
  return content[mediaType] ?? content[`${mediaType.split('/')[0]}/*`] ?? content['*/*'];
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function lowerCaseKeys(headers: ObservedResponse['headers']): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return result;
}
