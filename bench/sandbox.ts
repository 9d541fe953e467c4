/**
 * The sandbox banks as `bankbridge sandbox` runs them, for the suite, with two changes so that
 * a payment flow ends in ACSC within the flow on any day of the week: a signed domestic payment
 * is booked at once (no clearing delay), and on a Saturday, Sunday or Swedish public holiday
 * the banks' clock runs on the next business day at the same time of day. The bank's clock is
 * all a payment's execution reads; the suite reads the clock from the banks where a date must
 * agree with theirs.
 *
 * BANKBRIDGE_SANDBOX_PORT and BANKBRIDGE_SANDBOX_URL as for `bankbridge sandbox`.
 */
import { createLogger } from '../packages/platform/src/logging/logger.js';
import { shiftToBusinessDay } from '../packages/sandbox/src/domain/business-days.js';
import { runSandbox } from '../packages/sandbox/src/index.js';

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const offsetMs = Date.parse(shiftToBusinessDay(today, 'SE')) - Date.parse(today);

const sandbox = await runSandbox({
  // Logging as `bankbridge sandbox` does, so the bank's figures stay comparable across runs.
  logger: createLogger({
    level: process.env.BANKBRIDGE_LOG_LEVEL ?? 'info',
  }).child({ server: 'sandbox' }),
  clearingDelaySeconds: 0,
  now: () => new Date(Date.now() + offsetMs),
});
process.stderr.write(
  `bench sandbox at ${sandbox.url}${offsetMs ? `, its clock ${offsetMs / DAY} day(s) ahead` : ''}\n`,
);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
