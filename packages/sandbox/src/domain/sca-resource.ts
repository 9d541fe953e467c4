// What an SCA authorises: a reference to one resource of the bank. Consents are the only
// kind today; payments will be authorised by the same SCA flows, so the flows carry a
// reference, never a consent id.

/** Kinds of resource a PSU authorises with SCA; a new kind adds its name here. */
export type ScaResourceKindName = 'consent' | 'payment' | 'paymentCancellation';

export interface ScaResourceRef {
  kind: ScaResourceKindName;
  id: string;
}

export function sameResource(a: ScaResourceRef, b: ScaResourceRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}
