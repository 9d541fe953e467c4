/**
 * What the demo prints: numbered steps, the API call behind each result (method, path,
 * status and X-Request-ID, so a developer can find it in the platform's logs), tables, and
 * hints. Colour only on a terminal; the words are the same either way.
 */
import type { ResponseInfo } from '@bankbridge/client';
import { type Column, renderTable } from './table.js';

export class Printer {
  /** While set, calls are counted instead of printed (polling). */
  private muted = false;
  private mutedCalls = 0;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly color: boolean,
    private readonly totalSteps: number,
  ) {}

  step(n: number, title: string): void {
    this.write(`\n${this.paint('1', `[${n}/${this.totalSteps}] ${title}`)}\n`);
  }

  info(text: string): void {
    this.write(`  ${text}\n`);
  }

  ok(text: string): void {
    this.write(`  ${this.paint('32', '✓')} ${text}\n`);
  }

  warn(text: string): void {
    this.write(`  ${this.paint('33', '!')} ${text}\n`);
  }

  hint(text: string): void {
    this.write(`  ${this.paint('2', text)}\n`);
  }

  raw(text: string): void {
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  table(columns: Column[], rows: string[][]): void {
    this.write(`${renderTable(columns, rows)}\n`);
  }

  /** One API call, as the SDK reports it. */
  call(info: ResponseInfo): void {
    if (this.muted) {
      this.mutedCalls++;
      return;
    }
    const url = new URL(info.url);
    const retried = info.attempts > 1 ? ` after ${info.attempts} attempts` : '';
    this.hint(
      `→ ${info.method} ${url.pathname}${url.search} ${info.status}  X-Request-ID ${info.requestId}${retried}`,
    );
  }

  /** Runs `work` with calls counted, not printed; says how many there were. */
  async quietly<T>(what: string, work: () => Promise<T>): Promise<T> {
    this.muted = true;
    this.mutedCalls = 0;
    try {
      return await work();
    } finally {
      this.muted = false;
      if (this.mutedCalls > 0) {
        this.hint(`→ ${what}: ${this.mutedCalls} call${this.mutedCalls === 1 ? '' : 's'}`);
      }
    }
  }

  private paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  private write(text: string): void {
    this.out.write(text);
  }
}
