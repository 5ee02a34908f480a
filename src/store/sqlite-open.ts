// The one SQLite opener: creates the folder, sets the pragmas every mianba database needs and brings the file to the
// latest schema. Knowledge bases and practice data both open through here; nothing else calls `new Database`.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../core/errors.js';

// Required, not imported: an ES import of this CommonJS package first has Node scan its sources for named exports,
// and its `bindings` helper then probes a dozen paths for the addon. Both cost a CLI call ~10-25 ms on the bench VM.
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as typeof BetterSqlite3;
/** The addon where `npm ci` builds or downloads it; undefined lets better-sqlite3 search as usual. */
const addonFile = (() => {
  const file = join(dirname(require.resolve('better-sqlite3')), '..', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
})();

export type SqliteDatabase = BetterSqlite3.Database;

/** CHOSEN: holds the built-in KB (5.6 MB) and a knowledge base of ~20k units whole; measured in bench/cli-latency.ts. */
const mmapBytes = 64 * 2 ** 20;

/**
 * Opens `file` (or ':memory:'). `label` names the data in error messages ("knowledge base \"notes\""); `pageSize`
 * applies to a file created here.
 * Migrations run in order, each once; PRAGMA user_version records how far a file has come.
 */
export function openSqliteDatabase(file: string, migrations: readonly string[], label: string, options: { pageSize?: number } = {}): SqliteDatabase {
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, addonFile ? { nativeBinding: addonFile } : {});
    // First, so that switching a new file to WAL (or migrating it) waits for a concurrent opener instead of failing
    // with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    // Only a new, empty file takes it (before WAL is switched on); an existing file keeps the page size it has.
    if (options.pageSize) db.pragma(`page_size = ${options.pageSize}`);
    switchToWal(db);
    // WAL resets synchronous to NORMAL on some builds; FULL makes every committed transaction durable.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Pages read through a memory map instead of one pread per 4 KB page: the first full scan of a knowledge base's
    // vectors (a CLI search reads ~3 MB for 1.5k units) took 2-3x longer through pread on the 2-core bench VM.
    // 64 MB bounds the address space and resident pages it can add; larger files read the rest through pread.
    db.pragma(`mmap_size = ${mmapBytes}`);
    migrate(db, migrations, label);
    return db;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('store_failed', `cannot open ${label} at ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Switches the file to WAL. Two processes opening a fresh file at once can both be inside this pragma: each holds a
 * shared lock and wants the exclusive one, and SQLite answers one of them SQLITE_BUSY at once, without waiting on
 * busy_timeout (waiting could deadlock). That one lets go of its lock by failing, so it tries again shortly; the other
 * switches the file, and the retry finds it in WAL already. Seen in test/practice-race.test.ts under CI load.
 */
function switchToWal(db: SqliteDatabase): void {
  const deadline = Date.now() + walSwitchRetryMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

/** CHOSEN as busy_timeout's 5 s: how long an opener waits for a concurrent one before it reports the file locked. */
const walSwitchRetryMs = 5000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Each step reads user_version INSIDE its own BEGIN IMMEDIATE transaction: of several processes opening a fresh file
 * at once, one migrates and the others (waiting on busy_timeout) then see the step done instead of running it twice.
 */
function migrate(db: SqliteDatabase, migrations: readonly string[], label: string): void {
  const readVersion = () => db.pragma('user_version', { simple: true }) as number;
  if (readVersion() === migrations.length) return;
  for (;;) {
    const done = db
      .transaction(() => {
        const version = readVersion();
        if (version > migrations.length) throw new AppError('store_failed', `${label} was written by a newer mianba (schema ${version}); upgrade mianba`);
        if (version === migrations.length) return true;
        db.exec(migrations[version] as string);
        db.pragma(`user_version = ${version + 1}`);
        return false;
      })
      .immediate();
    if (done) return;
  }
}
