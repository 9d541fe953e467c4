import { checkResponse, type ObservedResponse } from './check-response.js';
import { type AppliedErratum, applyErrata } from './errata.js';
import type { OpenApiDocument } from './openapi-document.js';
import { OperationIndex } from './operations.js';
import { SchemaValidators } from './schema-validators.js';
import { readPublishedContract, SPEC_FILE } from './spec-file.js';

/** The NextGenPSD2 contract as Bankbridge serves it: published document plus errata. */
export class Contract {
  readonly document: OpenApiDocument;
  readonly operations: OperationIndex;
  readonly errata: readonly AppliedErratum[];
  readonly validators: SchemaValidators;

  constructor(published: OpenApiDocument) {
    const { document, applied } = applyErrata(published, 'validation');
    this.document = document;
    this.errata = applied;
    this.operations = new OperationIndex(document);
    this.validators = new SchemaValidators(document);
  }

  /** Everything about the response the contract does not allow; empty when it conforms. */
  checkResponse(observed: ObservedResponse): string[] {
    return checkResponse(this, observed);
  }
}

let shared: Contract | undefined;

/** The vendored contract, parsed and corrected once per process. */
export function loadContract(): Contract {
  shared ??= new Contract(readPublishedContract(SPEC_FILE));
  return shared;
}
