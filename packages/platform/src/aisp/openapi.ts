/**
 * The AISP API's own OpenAPI document (`openapi/aisp-v1.yaml`, written for Bankbridge): served
 * at `/aisp/v1/openapi.json` with this instance's URLs, and the contract every response of the
 * API is checked against in the tests, with the same machinery as the NextGenPSD2 contract.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { offerBearerScheme } from '../contract/bearer-scheme.js';
import { checkResponse, type ObservedResponse } from '../contract/check-response.js';
import type { OpenApiDocument } from '../contract/openapi-document.js';
import { OperationIndex } from '../contract/operations.js';
import { SchemaValidators } from '../contract/schema-validators.js';
import { AISP_BASE_PATH } from './responses.js';

export const AISP_SPEC_FILE = fileURLToPath(new URL('../../openapi/aisp-v1.yaml', import.meta.url));

/** Where the document's OAuth flow and server point before an instance fills them in. */
const PLACEHOLDER_API = 'https://api.bankbridge.example';
const PLACEHOLDER_AUTH = 'https://auth.bankbridge.example';

export function readAispDocument(file: string = AISP_SPEC_FILE): OpenApiDocument {
  const document = parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  if (typeof document?.openapi !== 'string' || typeof document.paths !== 'object') {
    throw new Error(`${file} is not an OpenAPI document`);
  }
  return document;
}

/** The document with this instance's API and auth server in place of the placeholders. */
export function aispOpenApiDocument(urls: { apiUrl: string; authUrl: string }): OpenApiDocument {
  const text = JSON.stringify(readAispDocument())
    .replaceAll(PLACEHOLDER_API, urls.apiUrl.replace(/\/+$/, ''))
    .replaceAll(PLACEHOLDER_AUTH, urls.authUrl.replace(/\/+$/, ''));
  return JSON.parse(text) as OpenApiDocument;
}

/** The document as a contract: finds a response's operation and checks it. */
export class AispContract {
  readonly document: OpenApiDocument;
  readonly operations: OperationIndex;
  readonly validators: SchemaValidators;

  constructor(document: OpenApiDocument = readAispDocument()) {
    this.document = document;
    this.operations = new OperationIndex(document, AISP_BASE_PATH);
    this.validators = new SchemaValidators(document);
  }

  /** Everything about the response the document does not allow; empty when it conforms. */
  checkResponse(observed: ObservedResponse): string[] {
    return checkResponse(this, observed);
  }
}

let shared: AispContract | undefined;

export function loadAispContract(): AispContract {
  shared ??= new AispContract();
  return shared;
}

/**
 * The document as the developer portal's API reference shows it: this instance's URLs, and a
 * bearer scheme beside OAuth2 on every operation, since Swagger UI cannot run the
 * authorization-code flow through the hosted consent page; a token got by an app is pasted.
 */
export function aispReferenceDocument(urls: { apiUrl: string; authUrl: string }): OpenApiDocument {
  const document = aispOpenApiDocument(urls);
  offerBearerScheme(document, `${urls.authUrl.replace(/\/+$/, '')}/oauth/token`);
  return document;
}
