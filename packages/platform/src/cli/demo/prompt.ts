/** One question on the terminal; Ctrl-C while it waits aborts the demo like anywhere else. */
import { createInterface } from 'node:readline/promises';

export async function ask(
  question: string,
  signal: AbortSignal,
  onInterrupt: () => void,
): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // In a terminal readline reads Ctrl-C itself, so the process sees no SIGINT.
  rl.on('SIGINT', onInterrupt);
  try {
    return (await rl.question(question, { signal })).trim();
  } finally {
    rl.close();
  }
}
