/**
 * The embedded store's write-ahead log is copied into the database file by a thread of its
 * own while the platform serves (store/wal-checkpointer.ts), not by the commits.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { startWalCheckpointer } from '../../src/store/wal-checkpointer.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function storeWithCommits(options: { background: boolean }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bankbridge-wal-'));
  dirs.push(dir);
  const file = path.join(dir, 'bankbridge.sqlite');
  const failures: string[] = [];
  const store = await openStore({
    sqlitePath: file,
    ...(options.background
      ? { backgroundCheckpoints: { onFailure: (message: string) => failures.push(message) } }
      : {}),
  });
  // Far fewer pages than the 1000 at which a commit checkpoints by itself.
  for (let i = 0; i < 50; i++) {
    await store.db
      .insertInto('settings')
      .values({ key: `k-${i}`, value: 'v', created_at: '2026-12-07T00:00:00Z' })
      .execute();
  }
  return { store, file, dir, failures };
}

/** The keys the database file holds by itself, without its log. */
function keysInFileAlone(file: string, dir: string): number {
  const copy = path.join(dir, `copy-${Math.random()}.sqlite`);
  copyFileSync(file, copy);
  const db = new SQLite(copy, { readonly: true });
  try {
    // Without the log, not even the tables the migrations made may be there yet.
    const tables = db.prepare("select name from sqlite_master where name = 'settings'").all();
    if (tables.length === 0) return 0;
    const row = db.prepare("select count(*) as n from settings where key like 'k-%'").get() as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}

describe('the write-ahead log checkpointed in the background', () => {
  let open: Store | undefined;
  afterAll(async () => open?.close());

  it('copies the commits into the database file without a commit doing it', async () => {
    const { store, file, dir, failures } = await storeWithCommits({ background: true });
    open = store;
    await vi.waitFor(() => expect(keysInFileAlone(file, dir)).toBe(50), {
      timeout: 5_000,
      interval: 100,
    });
    expect(failures).toEqual([]);
  });

  it('leaves them in the log without it, until a commit or the close checkpoints', async () => {
    const { store, file, dir } = await storeWithCommits({ background: false });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(keysInFileAlone(file, dir)).toBe(0);
    await store.close();
    expect(keysInFileAlone(file, dir)).toBe(50);
  });

  it('stops its thread on close, which then folds the log in and removes it', async () => {
    const { store, file, dir } = await storeWithCommits({ background: true });
    expect(existsSync(`${file}-wal`)).toBe(true);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(keysInFileAlone(file, dir)).toBe(50);
  });

  it('tells of a checkpoint that keeps failing the same way once, not at every interval', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bankbridge-wal-'));
    dirs.push(dir);
    const file = path.join(dir, 'not-a-database.sqlite');
    writeFileSync(file, 'not a database '.repeat(300));
    const failures: string[] = [];
    const checkpointer = startWalCheckpointer(file, {
      intervalMs: 10,
      onFailure: (message) => failures.push(message),
    });
    try {
      await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 5_000 });
      // Twenty intervals more, every one of them failing.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(failures).toEqual(['file is not a database']);
    } finally {
      await checkpointer.stop();
    }
  });
});
