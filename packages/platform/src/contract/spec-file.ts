import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OpenApiDocument } from './openapi-document.js';

/** The vendored contract, byte for byte as Open Payments Europe publishes it. */
export const SPEC_FILE = fileURLToPath(
  new URL('../../openapi/nextgenpsd2-1.3.3.yaml', import.meta.url),
);

/** Where the contract is mounted; its `servers` entries end in it. */
export const BASE_PATH = '/psd2';

/**
 * Reads the contract as published, faults included. The `yaml` package is used because strict
 * js-yaml loaders refuse the file's indentation near line 12761.
 */
export function readPublishedContract(file: string = SPEC_FILE): OpenApiDocument {
  const document = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as OpenApiDocument;
  if (typeof document?.openapi !== 'string' || typeof document.paths !== 'object') {
    throw new Error(`${file} is not an OpenAPI document`);
  }
  return document;
}
