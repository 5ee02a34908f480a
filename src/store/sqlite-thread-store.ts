// SQLite implementation of ThreadStore: one file ($MIANBA_HOME/threads.db) for every conversation, WAL with
// synchronous=FULL, migrations by user_version, every write one IMMEDIATE transaction (a turn is stored whole or not).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import { cleanTitle, notFound, type Thread, type ThreadRow, type ThreadStore, type ThreadSummary, type ThreadTurn, threadSummary } from './thread-store.js';

const migrations: readonly string[] = [
  `
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE turns (
    thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    turn TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (thread_id, ordinal)
  );
  CREATE INDEX threads_updated ON threads(updated_at);
  `,
];

export function openSqliteThreadStore(file: string): SqliteThreadStore {
  return new SqliteThreadStore(file);
}

export class SqliteThreadStore implements ThreadStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.db
        .transaction(() => {
          const version = this.db.pragma('user_version', { simple: true }) as number;
          if (version > migrations.length) throw new AppError('store_failed', `the conversations file was written by a newer mianba (schema ${version})`);
          for (let index = version; index < migrations.length; index++) this.db.exec(migrations[index] as string);
          if (version < migrations.length) this.db.pragma(`user_version = ${migrations.length}`);
        })
        .immediate();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('store_failed', `cannot open the conversations file: ${(error as Error).message}`, { cause: error });
    }
  }

  async list(): Promise<ThreadSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.title, t.created_at, t.updated_at, (SELECT COUNT(*) FROM turns WHERE thread_id = t.id) AS turns
         FROM threads t ORDER BY t.updated_at DESC, t.rowid DESC`,
      )
      .all() as ThreadRow[];
    return rows.map(threadSummary);
  }

  async get(id: string): Promise<Thread | undefined> {
    const row = this.row(id);
    if (!row) return undefined;
    const turns = this.db.prepare('SELECT turn FROM turns WHERE thread_id = ? ORDER BY ordinal').all(id) as { turn: string }[];
    return { ...threadSummary(row), items: turns.map((entry) => JSON.parse(entry.turn) as ThreadTurn) };
  }

  async create(title: string): Promise<ThreadSummary> {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db.prepare('INSERT INTO threads (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, cleanTitle(title), now, now);
    return this.existing(id);
  }

  async rename(id: string, title: string): Promise<ThreadSummary> {
    const changed = this.db.prepare('UPDATE threads SET title = ? WHERE id = ?').run(cleanTitle(title), id).changes;
    if (changed === 0) throw notFound(id);
    return this.existing(id);
  }

  async delete(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM threads WHERE id = ?').run(id).changes > 0;
  }

  async appendTurn(id: string, turn: ThreadTurn): Promise<ThreadSummary> {
    this.db
      .transaction(() => {
        const next = this.db.prepare('SELECT COALESCE(MAX(ordinal), -1) + 1 AS next FROM turns WHERE thread_id = ?').get(id) as { next: number };
        this.touch(id);
        this.db
          .prepare('INSERT INTO turns (thread_id, ordinal, turn, created_at) VALUES (?, ?, ?, ?)')
          .run(id, next.next, JSON.stringify(turn), turn.createdAt);
      })
      .immediate();
    return this.existing(id);
  }

  async replaceLastTurn(id: string, turn: ThreadTurn): Promise<ThreadSummary> {
    this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT MAX(ordinal) AS last FROM turns WHERE thread_id = ?').get(id) as { last: number | null };
        this.touch(id);
        if (last.last === null) throw new AppError('conflict', `thread "${id}" has no answer to replace`);
        this.db
          .prepare('UPDATE turns SET turn = ?, created_at = ? WHERE thread_id = ? AND ordinal = ?')
          .run(JSON.stringify(turn), turn.createdAt, id, last.last);
      })
      .immediate();
    return this.existing(id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Bumps updated_at (the list is most recent first); throws not_found, rolling the transaction back. */
  private touch(id: string): void {
    if (this.db.prepare('UPDATE threads SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), id).changes === 0) throw notFound(id);
  }

  private row(id: string): ThreadRow | undefined {
    return this.db
      .prepare('SELECT id, title, created_at, updated_at, (SELECT COUNT(*) FROM turns WHERE thread_id = threads.id) AS turns FROM threads WHERE id = ?')
      .get(id) as ThreadRow | undefined;
  }

  private existing(id: string): ThreadSummary {
    const row = this.row(id);
    if (!row) throw notFound(id);
    return threadSummary(row);
  }
}
