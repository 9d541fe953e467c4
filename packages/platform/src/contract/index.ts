export type { ObservedResponse } from './check-response.js';
export { Contract, loadContract } from './contract.js';
export {
  type AppliedErratum,
  applyErrata,
  ERRATA,
  type Erratum,
  type ErratumScope,
} from './errata.js';
export type { OpenApiDocument } from './openapi-document.js';
export type { ContractOperation, OperationLookup } from './operations.js';
export { BASE_PATH, readPublishedContract, SPEC_FILE } from './spec-file.js';
