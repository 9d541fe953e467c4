/** One thing wrong in the registry file, and where. */
export interface RegistryProblem {
  /** Where, e.g. `aspsps[3] (SWEDSESS).connector.scaApproaches[0]`. */
  path: string;
  message: string;
}

/** The registry file cannot be used. The message names the file, the entry and the field. */
export class RegistryError extends Error {
  readonly file: string;
  readonly problems: readonly RegistryProblem[];

  constructor(file: string, problems: RegistryProblem[]) {
    const lines = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
    const detail = lines.length === 1 ? ` ${lines[0]}` : `\n  - ${lines.join('\n  - ')}`;
    super(`Invalid ASPSP registry ${file}:${detail}`);
    this.name = 'RegistryError';
    this.file = file;
    this.problems = problems;
  }
}
