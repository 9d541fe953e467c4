/**
 * A V8 CPU profile (`node --cpu-prof`) read as a gateway's owner wants it: how much of the busy
 * time each package or Bankbridge module costs by itself, and how much time is spent under each
 * Bankbridge function (its own work plus the libraries it calls), idle time left out.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The part of the profile to read, in ms from its start (the process's start, near enough). */
export interface Window {
  fromMs: number;
  toMs: number;
}

const IDLE = new Set(['(idle)', '(program)']);

/** Where a frame's code lives: a Bankbridge module, an npm package, or a part of Node. */
export function placeOf(frame: CallFrame, root: string): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:').split('/')[0] ?? url;
  const local = url.replace(/^file:\/\//, '').replace(root, '');
  const match = /^packages\/([^/]+)\/src\/(.+)$/.exec(local);
  if (match) return `${match[1]}:${match[2]}`;
  return local;
}

const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;

export function summariseProfile(
  profile: CpuProfile,
  root: string,
  window: Window,
  top = 25,
): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  // Start-up (module loading, key generation) is not a request's cost: only the load counts.
  const hits = new Map<number, number>();
  let at = 0;
  let counted = 0;
  profile.samples.forEach((id, i) => {
    at += (profile.timeDeltas[i] ?? 0) / 1000;
    if (at < window.fromMs || at > window.toMs) return;
    counted++;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  const busy = [...hits].filter(([id]) => !IDLE.has(byId.get(id)?.callFrame.functionName ?? ''));
  const busySamples = busy.reduce((sum, [, n]) => sum + n, 0);
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const windowMs = counted * msPerSample;

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, n] of busy) {
    const leaf = byId.get(id);
    if (!leaf) continue;
    const place = placeOf(leaf.callFrame, root);
    self.set(place, (self.get(place) ?? 0) + n);
    // Every Bankbridge function on the stack once, however often it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      const where = placeOf(frame, root);
      if (!/^(platform|sandbox|client):/.test(where)) continue;
      const key = `${where} ${frame.functionName || '(anonymous)'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + n);
    }
  }

  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => `| ${name} | ${percent(n, busySamples)} |`);
  return [
    `Busy ${(busySamples * msPerSample).toFixed(0)} ms of the ${windowMs.toFixed(0)} ms under load.`,
    '',
    '| self time in | share of busy time |',
    '|---|---|',
    ...rows(self),
    '',
    '| time under Bankbridge function | share of busy time |',
    '|---|---|',
    ...rows(inclusive),
  ].join('\n');
}
