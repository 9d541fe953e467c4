/**
 * Named points where a crash test stops this process dead (SIGKILL: no shutdown, no flush), to
 * show that every step of a flow survives a crash exactly there. Nothing happens unless
 * `BANKBRIDGE_FAILPOINTS` names the point (a comma-separated list); no setting of a running
 * platform arms one.
 */
const armed = new Set(
  (process.env.BANKBRIDGE_FAILPOINTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);

export function crashPoint(name: string): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
