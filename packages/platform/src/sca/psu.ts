import type { PsuHeaders } from '../connectors/index.js';

/** The PSU's side of a TPP request, forwarded to the bank. */
export interface PsuInfo {
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  psuId?: string | undefined;
  corporateId?: string | undefined;
}

/** The PSU-* headers the bank gets (PSU-ID travels as the bank's SCA wants it, not here). */
export function psuHeaders(psu: PsuInfo): PsuHeaders {
  return {
    ...(psu.ipAddress ? { ipAddress: psu.ipAddress } : {}),
    ...(psu.userAgent ? { userAgent: psu.userAgent } : {}),
    ...(psu.corporateId ? { corporateId: psu.corporateId } : {}),
  };
}

/** Whether the request carried a PSU header a bank insists on (named as the registry does). */
export function psuHeaderPresent(psu: PsuInfo, header: string): boolean {
  switch (header.toLowerCase()) {
    case 'psu-ip-address':
      return Boolean(psu.ipAddress);
    case 'psu-user-agent':
      return Boolean(psu.userAgent);
    case 'psu-id':
      return Boolean(psu.psuId);
    case 'psu-corporate-id':
      return Boolean(psu.corporateId);
    default:
      return true;
  }
}
