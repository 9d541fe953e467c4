/**
 * The parts of an OpenAPI 3.0 document the contract module reads. Schemas stay loosely typed:
 * they are handed to Ajv and openapi-typescript, not interpreted here.
 */

export type JsonObject = Record<string, unknown>;

export interface Reference {
  $ref: string;
}

export type SchemaObject = JsonObject;

export interface HeaderObject {
  required?: boolean;
  schema?: SchemaObject | Reference;
}

export interface MediaTypeObject {
  schema?: SchemaObject | Reference;
  example?: unknown;
  examples?: Record<string, { value?: unknown } | Reference>;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  responses: Record<string, ResponseObject | Reference>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & JsonObject;

export interface OpenApiDocument {
  openapi: string;
  info: JsonObject;
  servers?: { url: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, SchemaObject>;
    responses: Record<string, ResponseObject>;
    headers?: Record<string, HeaderObject>;
    parameters?: Record<string, JsonObject>;
    [section: string]: unknown;
  };
  [field: string]: unknown;
}

export function isReference(value: unknown): value is Reference {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $ref?: unknown }).$ref === 'string'
  );
}
