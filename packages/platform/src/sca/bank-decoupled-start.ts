import { bankCall } from '../connectors/bank-problem.js';
import type { CallContext } from '../logging/logger.js';
import type { AuthorisationChanges, AuthorisationRecord } from '../store/authorisations.js';
import { animatedQrPayload } from './animated-qr.js';
import { type PsuInfo, psuHeaders } from './psu.js';
import { bankIdLink } from './qr-code.js';
import { readBankScaStatus, type ScaStatus, TERMINAL_SCA_STATUSES } from './rules/index.js';
import type { Loaded, ScaSteps } from './sca-steps.js';

/**
 * Starting a decoupled (BankID) SCA at the bank and the QR code it shows, for both places that
 * show it: the TPP's answer to its PUT (`ScaService.selectMethod`), and Bankbridge's own page
 * at a decoupled-only bank (`DecoupledOnPage`).
 */

const DEFAULT_PSU_MESSAGE =
  'Open the BankID app on your phone and scan the QR code, or open BankID on this device, to log in to your bank.';

export interface DecoupledStarted {
  /** The status to record: the bank's first step of its own, or `started`. */
  target: ScaStatus;
  /** The authorisation's fields the start fills in. */
  changes: AuthorisationChanges & { autoStartToken: string; psuMessage: string };
  /** The QR code of the start's own second. */
  qrPayload: string;
}

/** Starts the bank's decoupled SCA of the resource; the bank's refusal is a `Problem`. */
export async function startDecoupledAtBank(
  steps: ScaSteps,
  ctx: CallContext,
  loaded: Loaded,
  psu: PsuInfo,
): Promise<DecoupledStarted> {
  const { facts } = loaded;
  const started = await bankCall(() =>
    steps.connector(facts).startDecoupled(steps.bankContext(ctx, facts), {
      resource: steps.bankResource(loaded),
      ...(psu.psuId ? { psuId: psu.psuId } : {}),
      psu: psuHeaders(psu),
    }),
  );
  // The animated code's seconds count from the bank's answer, as BankID's relying parties do.
  const startedAt = steps.options.now();
  const qrStart =
    started.qrStartToken !== undefined && started.qrStartSecret !== undefined
      ? { token: started.qrStartToken, secret: started.qrStartSecret, startedAt }
      : undefined;
  const reported = readBankScaStatus(started.scaStatus)?.scaStatus;
  // A bank with steps of its own starts at its first: its `started` may be a later step.
  const target: ScaStatus =
    reported && reported !== 'received' && !TERMINAL_SCA_STATUSES.has(reported)
      ? reported
      : (steps.decoupledScaSteps(loaded)[0] ?? 'started');
  return {
    target,
    changes: {
      bankAuthorisationId: started.authorisationId,
      autoStartToken: started.autoStartToken,
      psuMessage: started.psuMessage ?? DEFAULT_PSU_MESSAGE,
      ...(qrStart ? { qrStart: { ...qrStart, startedAt: startedAt.toISOString() } } : {}),
    },
    qrPayload: qrPayloadOf(qrStart, started.autoStartToken, startedAt),
  };
}

/** The QR code of this second for an authorisation whose decoupled SCA was started. */
export async function currentQrPayload(
  steps: ScaSteps,
  authorisation: AuthorisationRecord,
): Promise<string> {
  const { qrStartToken, qrStartedAt } = authorisation;
  const secret =
    qrStartToken && qrStartedAt
      ? await steps.options.authorisations.qrStartSecret(authorisation.id)
      : undefined;
  const qrStart =
    qrStartToken && qrStartedAt && secret
      ? { token: qrStartToken, secret, startedAt: new Date(qrStartedAt) }
      : undefined;
  return qrPayloadOf(qrStart, authorisation.autoStartToken ?? '', steps.options.now());
}

/**
 * Decision: a bank that gives no animated QR start gets the static BankID link as the code
 * (the app scans it too, and it is what `mbid` shows), so the animated methods work at every
 * decoupled bank rather than failing after the order was placed.
 */
function qrPayloadOf(
  qrStart: { token: string; secret: string; startedAt: Date } | undefined,
  autoStartToken: string,
  now: Date,
): string {
  if (!qrStart) return bankIdLink(autoStartToken);
  return animatedQrPayload(
    { qrStartToken: qrStart.token, qrStartSecret: qrStart.secret, startedAt: qrStart.startedAt },
    now,
  );
}
