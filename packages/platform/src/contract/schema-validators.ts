import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { JsonObject, OpenApiDocument, Reference, SchemaObject } from './openapi-document.js';

const CONTRACT_SCHEMA_ID = 'nextgenpsd2';
const COMPONENT_SCHEMA_REF = '#/components/schemas/';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose
// `default` is the plugin at runtime too.
const addFormats = ajvFormats.default;

/**
 * Compiles contract schemas with Ajv, lazily and once each. Component schemas stay behind
 * `$ref`s (instead of being dereferenced inline) so shared schemas compile once and error paths
 * name them.
 */
export class SchemaValidators {
  readonly #ajv: Ajv;
  readonly #compiled = new WeakMap<object, ValidateFunction>();

  /** `document` must have had the validation errata applied. */
  constructor(document: OpenApiDocument) {
    this.#ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(this.#ajv);
    // OpenAPI annotations that carry no validation meaning.
    this.#ajv.addVocabulary(['example', 'xml', 'externalDocs']);
    this.#ajv.addSchema({
      $id: CONTRACT_SCHEMA_ID,
      definitions: pointRefsAtDefinitions(document.components.schemas),
    });
  }

  /** Problems with `data` against `schema` (a contract schema or `$ref`), empty when valid. */
  check(schema: SchemaObject | Reference, data: unknown, label: string): string[] {
    const validate = this.#validatorFor(schema);
    if (validate(data)) return [];
    return describeErrors(validate.errors ?? [], label);
  }

  #validatorFor(schema: SchemaObject | Reference): ValidateFunction {
    let validate = this.#compiled.get(schema);
    if (!validate) {
      validate = this.#ajv.compile(pointRefsAtDefinitions(schema) as JsonObject);
      this.#compiled.set(schema, validate);
    }
    return validate;
  }
}

function pointRefsAtDefinitions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, item) =>
    key === '$ref' && typeof item === 'string' && item.startsWith(COMPONENT_SCHEMA_REF)
      ? `${CONTRACT_SCHEMA_ID}#/definitions/${item.slice(COMPONENT_SCHEMA_REF.length)}`
      : item,
  ) as T;
}

const MAX_REPORTED_ERRORS = 12;

function describeErrors(errors: ErrorObject[], label: string): string[] {
  const lines = errors.slice(0, MAX_REPORTED_ERRORS).map((error) => {
    const where = `${label}${error.instancePath}`;
    const detail =
      error.keyword === 'enum'
        ? ` (${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)})`
        : error.keyword === 'additionalProperties'
          ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
          : '';
    return `${where} ${error.message ?? 'is invalid'}${detail}`;
  });
  if (errors.length > MAX_REPORTED_ERRORS) {
    lines.push(`... and ${errors.length - MAX_REPORTED_ERRORS} more schema errors`);
  }
  return lines;
}
