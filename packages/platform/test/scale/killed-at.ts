/**
 * An instance killed by a failpoint in the middle of one step, for the crash tests: restarted
 * with the failpoint armed, sent the step, then started again unarmed for the next test.
 */
import { expect } from 'vitest';
import type { Instance } from './cluster.js';

/** How long a step's instance may take to die after the step has come back. */
const DYING_MS = 2_000;

/**
 * `step` must reach `failpoint`, which kills `instance` (SIGKILL from inside). A step that came
 * back without reaching it is sent again while `attempts` allow: only steps safe to repeat,
 * such as a status poll that came back before the bank was ready. Past them the test fails
 * with the instance's last log lines, instead of waiting for an exit that never comes.
 */
export async function killedAt(
  instance: Instance,
  failpoint: string,
  step: () => Promise<unknown>,
  attempts = 1,
): Promise<void> {
  await instance.kill();
  await instance.start({ BANKBRIDGE_FAILPOINTS: failpoint });
  for (let sent = 0; instance.running; sent++) {
    if (sent === attempts) {
      const logged = instance.logs.slice(-20).join('\n');
      await instance.kill();
      await instance.start();
      throw new Error(
        `${failpoint} not reached in ${attempts} step(s); the instance logged:\n${logged}`,
      );
    }
    await step().catch(() => undefined);
    await Promise.race([instance.exited(), new Promise((r) => setTimeout(r, DYING_MS))]);
  }
  expect(instance.running).toBe(false);
  await instance.start();
}
