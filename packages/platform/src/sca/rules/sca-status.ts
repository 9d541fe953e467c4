/**
 * SCA statuses as the NextGenPSD2 contract names them (`scaStatus`), and a bank's reported
 * value read as one. Decisions:
 * - `authoriseCreditorAccountStarted` (a payment's new payee being approved in the app, the
 *   vendor's Swedbank step) is kept as the bank reports it, so the TPP can tell the PSU what
 *   the app asks for; only payments meet it.
 * - Bank values are compared without regard to case or surrounding spaces, and the American
 *   spelling "finalized" is read as "finalised": real banks send both.
 * - A value Bankbridge does not know gives `undefined`: the caller keeps the status it has
 *   and logs the value, rather than guessing.
 */
export const SCA_STATUSES = [
  'received',
  'psuIdentified',
  'psuAuthenticated',
  'scaMethodSelected',
  'started',
  'authenticationStarted',
  'authoriseCreditorAccountStarted',
  'finalised',
  'failed',
  'exempted',
] as const;
export type ScaStatus = (typeof SCA_STATUSES)[number];

/** Whether a stored or reported value is an SCA status. */
export function isScaStatus(value: unknown): value is ScaStatus {
  return (SCA_STATUSES as readonly unknown[]).includes(value);
}

/** SCA statuses an authorisation never leaves. */
export const TERMINAL_SCA_STATUSES: ReadonlySet<ScaStatus> = new Set([
  'finalised',
  'failed',
  'exempted',
]);

const SCA_ALIASES: Record<string, ScaStatus> = {
  finalized: 'finalised',
};

/** The Bankbridge SCA status for a bank's `scaStatus` value. */
export function scaStatusFromBank(raw: unknown): ScaStatus | undefined {
  if (typeof raw !== 'string') return undefined;
  const wanted = raw.trim().toLowerCase();
  return SCA_STATUSES.find((value) => value.toLowerCase() === wanted) ?? SCA_ALIASES[wanted];
}
