import { isReference, type OpenApiDocument } from './openapi-document.js';

/** Follows local `#/...` references (responses, headers) until a non-reference object. */
export function resolveRef<T>(document: OpenApiDocument, value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops++) {
    if (hops > 20) throw new Error(`reference cycle at ${current.$ref}`);
    current = followPointer(document, current.$ref);
  }
  return current as T;
}

function followPointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new Error(`dangling reference ${ref}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
