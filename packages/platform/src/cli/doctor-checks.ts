/**
 * What `bankbridge doctor` checks, one function per subject, each answering findings an
 * operator can act on: what is wrong and what to do about it. Nothing here writes: the store
 * is opened without migrating, no secret key file is created, the banks are only asked for an
 * HTTP answer.
 */

import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { signingKeysState } from '../auth/signing-keys.js';
import type { Config } from '../config.js';
import type { Registry } from '../registry/index.js';
import { MasterKey } from '../security/master-key.js';
import { SealedBox } from '../security/sealed-box.js';
import { migrationProvider } from '../store/migrations/index.js';
import { pendingMigrations, pingDatabase } from '../store/migrations-state.js';
import { openStore, type Store, storeOptionsFor } from '../store/open-store.js';
import { SettingsRepository } from '../store/settings.js';

export type Verdict = 'ok' | 'warn' | 'fail';

export interface Finding {
  subject: string;
  verdict: Verdict;
  /** What was found. */
  detail: string;
  /** What to do about it (absent when all is well). */
  fix?: string;
}

const CERT_WARN_DAYS = 30;

/** The master secret: usable, and the one the database's keys were sealed with. */
export function secretKeyFinding(config: Config): { finding: Finding; key?: MasterKey } {
  const subject = 'secret key';
  if (config.secretKey) {
    try {
      const key = MasterKey.fromString(config.secretKey);
      return { finding: { subject, verdict: 'ok', detail: 'BANKBRIDGE_SECRET_KEY is set' }, key };
    } catch (error) {
      return {
        finding: {
          subject,
          verdict: 'fail',
          detail: (error as Error).message,
          fix: 'set BANKBRIDGE_SECRET_KEY to a random value of at least 32 characters (openssl rand -base64 32), the same on every instance',
        },
      };
    }
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    return {
      finding: {
        subject,
        verdict: config.profile === 'production' ? 'fail' : 'warn',
        detail: `BANKBRIDGE_SECRET_KEY is unset and ${file} does not exist yet: the first start generates one`,
        fix: 'set BANKBRIDGE_SECRET_KEY (the same on every instance) and keep a copy of it: it decrypts bank tokens and keys',
      },
    };
  }
  try {
    const key = MasterKey.fromString(readFileSync(file, 'utf8').trim(), `the key in ${file}`);
    return {
      finding: {
        subject,
        verdict: config.profile === 'production' ? 'warn' : 'ok',
        detail: `read from ${file}`,
        ...(config.profile === 'production'
          ? {
              fix: 'set BANKBRIDGE_SECRET_KEY instead of relying on a file in the data directory, so every instance has the same one',
            }
          : {}),
      },
      key,
    };
  } catch (error) {
    return {
      finding: {
        subject,
        verdict: 'fail',
        detail: (error as Error).message,
        fix: `replace ${file} or set BANKBRIDGE_SECRET_KEY`,
      },
    };
  }
}

/** The HTTPS certificate and key (readable, a pair, not expired) and the TPP CA file. */
export function tlsFindings(config: Config, now = new Date()): Finding[] {
  const findings: Finding[] = [];
  if (!config.tls) {
    findings.push({
      subject: 'TLS',
      verdict: config.profile === 'production' && !config.trustProxy ? 'warn' : 'ok',
      detail: 'plain HTTP (BANKBRIDGE_TLS_CERT unset)',
      ...(config.profile === 'production' && !config.trustProxy
        ? {
            fix: 'serve HTTPS (BANKBRIDGE_TLS_CERT and BANKBRIDGE_TLS_KEY) or put a TLS-terminating proxy in front (BANKBRIDGE_TRUST_PROXY=true)',
          }
        : {}),
    });
  } else {
    const { certPath, keyPath } = config.tls;
    try {
      const cert = readFileSync(certPath);
      const key = readFileSync(keyPath);
      createSecureContext({ cert, key });
      const leaf = new X509Certificate(cert);
      const daysLeft = (Date.parse(leaf.validTo) - now.getTime()) / 86_400_000;
      if (daysLeft <= 0) {
        findings.push({
          subject: 'TLS certificate',
          verdict: 'fail',
          detail: `${certPath} expired on ${leaf.validTo}`,
          fix: 'renew the certificate and restart',
        });
      } else {
        findings.push({
          subject: 'TLS certificate',
          verdict: daysLeft < CERT_WARN_DAYS ? 'warn' : 'ok',
          detail: `${leaf.subject.replaceAll('\n', ', ')}, valid until ${leaf.validTo}`,
          ...(daysLeft < CERT_WARN_DAYS ? { fix: 'renew the certificate soon' } : {}),
        });
      }
    } catch (error) {
      findings.push({
        subject: 'TLS certificate',
        verdict: 'fail',
        detail: `${certPath} with ${keyPath}: ${(error as Error).message}`,
        fix: 'point BANKBRIDGE_TLS_CERT and BANKBRIDGE_TLS_KEY at a readable PEM certificate (with its chain) and its own private key',
      });
    }
  }
  if (config.tlsClientCaPath) {
    try {
      const pem = readFileSync(config.tlsClientCaPath, 'utf8');
      const count = pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
      if (count === 0) throw new Error('no PEM certificate in it');
      findings.push({
        subject: 'TPP certificate CAs',
        verdict: 'ok',
        detail: `${count} certificate(s) in ${config.tlsClientCaPath}`,
      });
    } catch (error) {
      findings.push({
        subject: 'TPP certificate CAs',
        verdict: 'fail',
        detail: `${config.tlsClientCaPath}: ${(error as Error).message}`,
        fix: 'point BANKBRIDGE_TLS_CLIENT_CA at a PEM file of the QTSP certificates to trust',
      });
    }
  }
  return findings;
}

/** The database: reachable, migrated, and sealed with this secret key. */
export async function databaseFindings(
  config: Config,
  key: MasterKey | undefined,
): Promise<Finding[]> {
  const options = storeOptionsFor(config);
  // Opening a SQLite file that is not there would create it: say so instead.
  if (!options.databaseUrl && options.sqlitePath && !existsSync(options.sqlitePath)) {
    const all = Object.keys(await migrationProvider.getMigrations());
    return [
      {
        subject: 'database',
        verdict: 'warn',
        detail: `no SQLite file yet at ${options.sqlitePath}`,
        fix: 'the first start creates it; set DATABASE_URL for PostgreSQL (needed for several instances)',
      },
      {
        subject: 'migrations',
        verdict: 'fail',
        detail: `${all.length} pending: ${all.join(', ')}`,
        fix: 'run bankbridge migrate (or start one instance, which applies them)',
      },
    ];
  }
  let store: Store;
  try {
    store = await openStore({ ...options, migrate: false });
    await pingDatabase(store);
  } catch (error) {
    return [
      {
        subject: 'database',
        verdict: 'fail',
        detail: `cannot reach it: ${(error as Error).message}`,
        fix: config.databaseUrl
          ? 'check DATABASE_URL (host, port, user, password, database) and that PostgreSQL accepts connections from here'
          : `check that ${config.dataDir} is writable`,
      },
    ];
  }
  try {
    const findings: Finding[] = [{ subject: 'database', verdict: 'ok', detail: store.location }];
    const pending = await pendingMigrations(store);
    findings.push(
      pending.length === 0
        ? { subject: 'migrations', verdict: 'ok', detail: 'all applied' }
        : {
            subject: 'migrations',
            verdict: 'fail',
            detail: `${pending.length} pending: ${pending.join(', ')}`,
            fix: 'run bankbridge migrate (or start one instance, which applies them)',
          },
    );
    if (key && pending.length === 0) {
      const state = await signingKeysState(
        new SettingsRepository(store.db),
        new SealedBox(key.derive('signing-keys')),
      );
      if (state === 'other-key') {
        findings.push({
          subject: 'secret key',
          verdict: 'fail',
          detail:
            'it does not open the keys stored in the database: they were sealed with another one',
          fix: 'use the BANKBRIDGE_SECRET_KEY the other instances (or the first start) used',
        });
      }
    }
    return findings;
  } finally {
    await store.close();
  }
}

/** Each bank's API answers HTTP at its base URL (any status: reachable is what is asked). */
export async function bankFindings(registry: Registry, timeoutMs: number): Promise<Finding[]> {
  return Promise.all(
    registry.aspsps.map(async (bank): Promise<Finding> => {
      const url = bank.connector.baseUrl;
      const subject = `bank ${bank.bicFi}`;
      const started = Date.now();
      try {
        const response = await fetch(url, {
          method: 'GET',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        return {
          subject,
          verdict: 'ok',
          detail: `${url} answered ${response.status} in ${Date.now() - started} ms`,
        };
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        return {
          subject,
          verdict: 'fail',
          detail: `${url} not reachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
          fix: `check the bank's baseUrl in the registry, DNS and the firewall from this host${url.includes('localhost') || url.includes('127.0.0.1') ? '; for the sandbox banks, is bankbridge start (or bankbridge sandbox) running?' : ''}`,
        };
      }
    }),
  );
}
