import {
  HTTP_METHODS,
  type HttpMethod,
  type OpenApiDocument,
  type OperationObject,
  type ResponseObject,
} from './openapi-document.js';
import { resolveRef } from './resolve-ref.js';
import { BASE_PATH } from './spec-file.js';

export interface ContractOperation {
  operationId: string;
  method: HttpMethod;
  /** As written in the contract, without the base path: `/consent/v1/consents/{consentId}`. */
  pathTemplate: string;
  /** Declared responses by status key (`200`, `4XX`, `default`), references resolved. */
  responses: Record<string, ResponseObject>;
}

export type OperationLookup =
  | { kind: 'found'; operation: ContractOperation; pathParams: Record<string, string> }
  /** The path is in the contract but not with this method; `declared` are the ones it has. */
  | { kind: 'method-not-declared'; pathTemplate: string; declared: ContractOperation[] }
  | { kind: 'unknown-path'; path: string; basePath: string }
  | { kind: 'outside-base-path'; path: string; basePath: string };

interface PathEntry {
  template: string;
  segments: string[];
  operations: ContractOperation[];
}

/** Finds the contract operation a request was for, by method and path template. */
export class OperationIndex {
  readonly #paths: PathEntry[];
  readonly #basePath: string;

  /** `basePath`: where the document's paths are mounted (`/psd2`, `/aisp/v1`). */
  constructor(document: OpenApiDocument, basePath: string = BASE_PATH) {
    this.#basePath = basePath;
    this.#paths = Object.entries(document.paths).map(([template, item]) => ({
      template,
      segments: splitPath(template),
      operations: HTTP_METHODS.flatMap((method) => {
        const operation = item[method] as OperationObject | undefined;
        return operation ? [indexOperation(document, method, template, operation)] : [];
      }),
    }));
  }

  get operations(): ContractOperation[] {
    return this.#paths.flatMap((entry) => entry.operations);
  }

  byOperationId(operationId: string): ContractOperation | undefined {
    return this.operations.find((operation) => operation.operationId === operationId);
  }

  /** `url` may be a path with query (`/psd2/...?a=b`) or an absolute URL. */
  find(method: string, url: string): OperationLookup {
    const pathname = new URL(url, 'http://contract.invalid').pathname;
    const base = this.#basePath;
    if (pathname !== base && !pathname.startsWith(`${base}/`)) {
      return { kind: 'outside-base-path', path: pathname, basePath: base };
    }
    const path = pathname.slice(base.length);
    const match = this.#bestMatch(splitPath(path));
    if (!match) return { kind: 'unknown-path', path, basePath: base };
    const operation = match.entry.operations.find((op) => op.method === method.toLowerCase());
    if (!operation) {
      return {
        kind: 'method-not-declared',
        pathTemplate: match.entry.template,
        declared: match.entry.operations,
      };
    }
    return { kind: 'found', operation, pathParams: match.params };
  }

  /** Literal segments beat parameters, so `/a/{id}` never shadows a more specific `/a/b`. */
  #bestMatch(segments: string[]) {
    let best: { entry: PathEntry; params: Record<string, string>; literals: number } | undefined;
    for (const entry of this.#paths) {
      if (entry.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      const matches = entry.segments.every((expected, i) => {
        const actual = segments[i] ?? '';
        const param = /^\{(.+)\}$/.exec(expected)?.[1];
        if (param === undefined) {
          literals++;
          return expected === actual;
        }
        params[param] = safeDecode(actual);
        return actual !== '';
      });
      if (matches && (!best || literals > best.literals)) best = { entry, params, literals };
    }
    return best;
  }
}

function indexOperation(
  document: OpenApiDocument,
  method: HttpMethod,
  pathTemplate: string,
  operation: OperationObject,
): ContractOperation {
  return {
    operationId: operation.operationId ?? `${method} ${pathTemplate}`,
    method,
    pathTemplate,
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [
        status,
        resolveRef<ResponseObject>(document, response),
      ]),
    ),
  };
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
