/** Berlin Group message codes Bankbridge answers with, and the HTTP status each goes with. */
export type TppMessageCode =
  | 'FORMAT_ERROR'
  | 'PARAMETER_NOT_SUPPORTED'
  | 'PARAMETER_NOT_CONSISTENT'
  | 'PERIOD_INVALID'
  | 'SERVICE_INVALID'
  | 'SERVICE_BLOCKED'
  | 'RESOURCE_UNKNOWN'
  | 'CONSENT_UNKNOWN'
  | 'CONSENT_INVALID'
  | 'CONSENT_EXPIRED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_UNKNOWN'
  | 'CERTIFICATE_MISSING'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_INVALID'
  | 'ROLE_INVALID'
  | 'REQUESTED_FORMATS_INVALID'
  | 'STATUS_INVALID'
  | 'ACCESS_EXCEEDED'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'PAYLOAD_TOO_LARGE';

export interface TppMessage {
  category: 'ERROR' | 'WARNING';
  code: TppMessageCode;
  text: string;
  path?: string;
}

/** The one error type of the NextGenPSD2 API; the HTTP layer renders it as `tppMessages`. */
export class Psd2Error extends Error {
  override name = 'Psd2Error';

  constructor(
    readonly statusCode: number,
    readonly code: TppMessageCode,
    readonly text: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${text}`);
  }

  body(): { tppMessages: TppMessage[] } {
    return { tppMessages: [{ category: 'ERROR', code: this.code, text: this.text }] };
  }

  /** A rule's refusal (`ConsentRuleError` and the like) as the API answers it. */
  static fromRule(error: { status: number; code: TppMessageCode; text: string }): Psd2Error {
    return new Psd2Error(error.status, error.code, error.text);
  }

  static format(text: string): Psd2Error {
    return new Psd2Error(400, 'FORMAT_ERROR', text);
  }

  static resourceUnknown(text: string): Psd2Error {
    return new Psd2Error(404, 'RESOURCE_UNKNOWN', text);
  }
}
