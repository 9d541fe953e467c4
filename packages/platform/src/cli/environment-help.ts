import { ENVIRONMENT } from '../config-environment.js';

export function environmentHelp(): string {
  const width = Math.max(...ENVIRONMENT.map((v) => v.name.length));
  const lines = ENVIRONMENT.map(
    (v) => `  ${v.name.padEnd(width)}  ${v.meaning} (default: ${v.default})`,
  );
  return `\nConfiguration (environment variables):\n${lines.join('\n')}\n`;
}
