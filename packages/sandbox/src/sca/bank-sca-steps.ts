// A bank whose decoupled payment SCA reports steps of its own (SEB: the PSU authenticates in
// Mobilt BankID, then the bank asks for a signature: authenticationStarted → psuAuthenticated
// → started → finalised). The sandbox's order knows only "app not opened" and "opened"; the
// first step stands for the first, and each poll after the app opened moves one step on, so a
// client that polls sees every step, holding at the last until the PSU signs.

import type { Authorisation } from '../domain/decoupled-sca.js';

/** The step to report for a running order; the sandbox's own status where `steps` is empty. */
export function reportedStep(
  steps: readonly string[],
  authorisation: Authorisation,
  status: string,
): string {
  const last = steps.length - 1;
  if (last < 0 || (status !== 'received' && status !== 'started')) return status;
  if (status === 'received') return steps[0] as string;
  const shown = Math.min((authorisation.stepsReported ?? 0) + 1, last);
  authorisation.stepsReported = shown;
  return steps[shown] as string;
}
