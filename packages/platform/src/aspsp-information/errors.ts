/**
 * What can go wrong on the ASPSP information API, as Berlin Group codes the HTTP layer maps to
 * `{"tppMessages":[{"category":"ERROR","code":kind,"text":message}]}` with `status`.
 */
export type AspspInformationErrorKind = 'FORMAT_ERROR' | 'RESOURCE_UNKNOWN';

export const STATUS_OF_KIND: Readonly<Record<AspspInformationErrorKind, 400 | 404>> = {
  FORMAT_ERROR: 400,
  RESOURCE_UNKNOWN: 404,
};

export class AspspInformationError extends Error {
  /** FORMAT_ERROR: malformed input (400). RESOURCE_UNKNOWN: well-formed but unknown (404). */
  readonly kind: AspspInformationErrorKind;
  readonly status: 400 | 404;
  /** The query or path parameter at fault, as the contract names it (e.g. `cityIds`, `bicFi`). */
  readonly parameter: string;

  constructor(kind: AspspInformationErrorKind, parameter: string, message: string) {
    super(message);
    this.name = 'AspspInformationError';
    this.kind = kind;
    this.status = STATUS_OF_KIND[kind];
    this.parameter = parameter;
  }
}

export function isAspspInformationError(error: unknown): error is AspspInformationError {
  return error instanceof AspspInformationError;
}

/** The value as shown in an error text: quoted, and cut short when absurdly long. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 50 ? `${value.slice(0, 50)}…` : value);
}
