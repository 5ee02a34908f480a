// The one SQLite opener: creates the folder, sets the pragmas every mianba database needs and brings the file to the
// latest schema. Knowledge bases and practice data both open through here; nothing else calls `new Database`.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens `file` (or ':memory:'). `label` names the data in error messages ("knowledge base \"notes\""); `pageSize`
 * applies to a file created here.
 * Migrations run in order, each once; PRAGMA user_version records how far a file has come.
 */
export function openSqliteDatabase(file: string, migrations: readonly string[], label: string, options: { pageSize?: number } = {}): SqliteDatabase {
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    // First, so that switching a new file to WAL (or migrating it) waits for a concurrent opener instead of failing
    // with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    // Only a new, empty file takes it (before WAL is switched on); an existing file keeps the page size it has.
    if (options.pageSize) db.pragma(`page_size = ${options.pageSize}`);
    db.pragma('journal_mode = WAL');
    // WAL resets synchronous to NORMAL on some builds; FULL makes every committed transaction durable.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, label);
    return db;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('store_failed', `cannot open ${label} at ${file}: ${(error as Error).message}`, { cause: error });
  }
}

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
