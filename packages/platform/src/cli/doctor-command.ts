import { Command } from 'commander';
import { type Config, ConfigError, configFromEnv } from '../config.js';
import type { Registry } from '../registry/index.js';
import { RegistryError } from '../registry/registry-error.js';
import {
  bankFindings,
  databaseFindings,
  type Finding,
  secretKeyFinding,
  tlsFindings,
} from './doctor-checks.js';

export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'check the configuration, database, migrations, secret key, TLS files and every bank, and say what to fix; exits 1 when something fails',
    )
    .option('--no-banks', 'do not call the banks')
    .option('--json', 'print JSON')
    .action(async (options: { banks: boolean; json?: boolean }) => {
      const findings = await examine(options.banks);
      const failed = findings.some((f) => f.verdict === 'fail');
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ok: !failed, findings }, null, 2)}\n`);
      } else {
        process.stdout.write(render(findings));
      }
      if (failed) process.exitCode = 1;
    });
}

async function examine(callBanks: boolean): Promise<Finding[]> {
  let config: Config;
  try {
    config = configFromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [
      {
        subject: 'configuration',
        verdict: 'fail',
        detail: error.message,
        fix: 'correct that variable (bankbridge --help lists them all); nothing else was checked',
      },
    ];
  }
  const findings: Finding[] = [
    {
      subject: 'configuration',
      verdict: 'ok',
      detail: `profile ${config.profile}, API ${config.apiUrl}, auth ${config.authUrl}`,
    },
  ];
  let registry: Registry | undefined;
  // The loader (YAML and its schema) only for this command, not for every CLI run.
  const { defaultRegistryPath, loadRegistry } = await import('../registry/load.js');
  try {
    registry = loadRegistry(config.registryPath ?? defaultRegistryPath(), {
      sandboxUrl: config.sandboxUrl,
      apiUrl: config.apiUrl,
      authUrl: config.authUrl,
    });
    findings.push({
      subject: 'registry',
      verdict: 'ok',
      detail: `${registry.aspsps.length} banks from ${config.registryPath ?? 'the bundled registry'}`,
    });
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    findings.push({
      subject: 'registry',
      verdict: 'fail',
      detail: error.message,
      fix: 'correct the registry file (BANKBRIDGE_REGISTRY)',
    });
  }
  const secret = secretKeyFinding(config);
  findings.push(secret.finding, ...tlsFindings(config));
  findings.push(...(await databaseFindings(config, secret.key)));
  if (registry && callBanks) {
    findings.push(...(await bankFindings(registry, Math.min(config.bankTimeoutMs, 5_000))));
  }
  return findings;
}

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

function render(findings: Finding[]): string {
  const width = Math.max(...findings.map((f) => f.subject.length));
  const lines = findings.flatMap((f) => [
    `${MARK[f.verdict]}  ${f.subject.padEnd(width)}  ${f.detail}`,
    ...(f.fix ? [`${' '.repeat(width + 8)}fix: ${f.fix}`] : []),
  ]);
  const failures = findings.filter((f) => f.verdict === 'fail').length;
  const warnings = findings.filter((f) => f.verdict === 'warn').length;
  lines.push(
    '',
    failures === 0
      ? `all checks passed${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}`
      : `${failures} check${failures > 1 ? 's' : ''} failed`,
  );
  return `${lines.join('\n')}\n`;
}
