// Applies how an SCA ended to the resource it authorises, the same way for the redirect
// decision page and the BankID app.

import type { BankError } from '../domain/errors.js';
import type { Psu } from '../domain/model.js';
import type { ScaOutcome } from '../domain/sca-outcome.js';
import type { ScaSubject } from './sca-resource-kind.js';

/**
 * Returns why an approval could not take effect. Without a PSU (a BankID order cancelled
 * before anyone identified) there is nothing to grant, but a denial still ends the resource.
 */
export function settleSca(
  subject: ScaSubject,
  psu: Psu | undefined,
  outcome: ScaOutcome,
  chosen: readonly string[] | undefined,
  now: Date,
): BankError | undefined {
  switch (outcome.resource) {
    case 'unchanged':
      return undefined;
    case 'rejected':
      subject.reject(now);
      return undefined;
    case 'authorised':
      return psu ? subject.authorise(psu, chosen, now) : undefined;
  }
}
