// ThreadStore on PostgreSQL: one person's Ask conversations in the team database (tables threads and thread_turns,
// keyed by owner_id), so every server shows the same list. Every write is one transaction: a turn is stored whole or
// not at all, and the thread row is locked (FOR UPDATE) so two servers appending to one thread do not collide.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../core/errors.js';
import { cleanTitle, notFound, type Thread, type ThreadRow, type ThreadStore, type ThreadSummary, type ThreadTurn, threadSummary } from '../thread-store.js';
import { inTransaction } from './write-document.js';

const summarySql = `SELECT t.id, t.title, t.created_at, t.updated_at, (SELECT count(*)::int FROM thread_turns WHERE thread_id = t.id) AS turns
  FROM threads t`;

/** The conversations of one owner (a user id; 0 for a server without users). `pool` is the App's; close() is a no-op. */
export function createPostgresThreadStore(pool: () => Promise<Pool>, ownerId: number): ThreadStore {
  const owner = String(ownerId);
  const existing = async (db: Pool | PoolClient, id: string): Promise<ThreadSummary> => {
    const row = (await db.query<ThreadRow>(`${summarySql} WHERE t.owner_id = $1 AND t.id = $2`, [owner, id])).rows[0];
    if (!row) throw notFound(id);
    return threadSummary(row);
  };
  /** Locks the thread row and bumps updated_at; not_found (rolling back) when it is not this owner's. */
  const touch = async (client: PoolClient, id: string) => {
    const locked = await client.query('SELECT id FROM threads WHERE owner_id = $1 AND id = $2 FOR UPDATE', [owner, id]);
    if (locked.rowCount === 0) throw notFound(id);
    await client.query('UPDATE threads SET updated_at = $2 WHERE id = $1', [id, new Date().toISOString()]);
  };

  return {
    async list() {
      const rows = await (await pool()).query<ThreadRow>(`${summarySql} WHERE t.owner_id = $1 ORDER BY t.updated_at COLLATE "C" DESC, t.seq DESC`, [owner]);
      return rows.rows.map(threadSummary);
    },
    async get(id) {
      const db = await pool();
      const row = (await db.query<ThreadRow>(`${summarySql} WHERE t.owner_id = $1 AND t.id = $2`, [owner, id])).rows[0];
      if (!row) return undefined;
      const turns = await db.query<{ turn: string }>('SELECT turn FROM thread_turns WHERE thread_id = $1 ORDER BY ordinal', [id]);
      return { ...threadSummary(row), items: turns.rows.map((entry) => JSON.parse(entry.turn) as ThreadTurn) } satisfies Thread;
    },
    async create(title) {
      const clean = cleanTitle(title);
      const db = await pool();
      const id = randomUUID();
      const now = new Date().toISOString();
      await db.query('INSERT INTO threads (owner_id, id, title, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [owner, id, clean, now]);
      return existing(db, id);
    },
    async rename(id, title) {
      const clean = cleanTitle(title);
      const db = await pool();
      const changed = await db.query('UPDATE threads SET title = $3 WHERE owner_id = $1 AND id = $2', [owner, id, clean]);
      if (changed.rowCount === 0) throw notFound(id);
      return existing(db, id);
    },
    async delete(id) {
      const removed = await (await pool()).query('DELETE FROM threads WHERE owner_id = $1 AND id = $2', [owner, id]);
      return (removed.rowCount ?? 0) > 0;
    },
    async appendTurn(id, turn) {
      return inTransaction(await pool(), async (client) => {
        await touch(client, id);
        await client.query(
          'INSERT INTO thread_turns (thread_id, ordinal, turn, created_at) SELECT $1, COALESCE(max(ordinal), -1) + 1, $2, $3 FROM thread_turns WHERE thread_id = $1',
          [id, JSON.stringify(turn), turn.createdAt],
        );
        return existing(client, id);
      });
    },
    async replaceLastTurn(id, turn) {
      return inTransaction(await pool(), async (client) => {
        await touch(client, id);
        const last = (await client.query<{ last: number | null }>('SELECT max(ordinal) AS last FROM thread_turns WHERE thread_id = $1', [id])).rows[0];
        if (last?.last === null || last?.last === undefined) throw new AppError('conflict', `thread "${id}" has no answer to replace`);
        await client.query('UPDATE thread_turns SET turn = $3, created_at = $4 WHERE thread_id = $1 AND ordinal = $2', [
          id,
          last.last,
          JSON.stringify(turn),
          turn.createdAt,
        ]);
        return existing(client, id);
      });
    },
    close: () => undefined,
  };
}
