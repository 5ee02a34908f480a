// UserDirectory on PostgreSQL: the `users` table of a team server's database. A personal token is 32 random bytes
// (base64url, prefixed "mb_"); only its SHA-256 is stored, so a database dump does not reveal tokens.
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { AppError } from '../../core/errors.js';
import type { UserDirectory, UserInfo, UserRole } from '../user-directory.js';
import { migratePostgres } from './migrate.js';

const userNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function createPostgresUserDirectory(options: { url: string }): UserDirectory {
  let ready: Promise<Pool> | undefined;
  const prepare = (): Promise<Pool> => {
    ready ??= (async () => {
      const { default: pg } = await import('pg');
      // Few connections: user commands and token checks are rare next to searches.
      const pool = new pg.Pool({ connectionString: options.url, max: 2, application_name: 'mianba-users' });
      pool.on('error', () => undefined);
      await migratePostgres(pool);
      return pool;
    })().catch((error: unknown) => {
      ready = undefined;
      throw error instanceof AppError
        ? error
        : new AppError('store_failed', `cannot use the PostgreSQL database: ${(error as Error).message}`, { cause: error });
    });
    return ready;
  };
  const assertName = (name: string) => {
    if (!userNamePattern.test(name)) throw new AppError('usage', `invalid user name "${name}": use letters, digits, ., - and _ (max 64)`);
  };

  return {
    async add(name, role) {
      assertName(name);
      const pool = await prepare();
      const token = `mb_${randomBytes(32).toString('base64url')}`;
      const result = await pool.query<{ id: string; created_at: Date }>(
        'INSERT INTO users (name, role, token_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id, created_at',
        [name, role, hashToken(token)],
      );
      const row = result.rows[0];
      if (!row) throw new AppError('conflict', `a user named "${name}" already exists (remove it first to issue a new token)`);
      return { id: Number(row.id), name, role, createdAt: row.created_at.toISOString(), token };
    },
    async list() {
      const pool = await prepare();
      const result = await pool.query<UserRow>('SELECT id, name, role, created_at FROM users ORDER BY name COLLATE "C"');
      return result.rows.map(toUser);
    },
    async remove(name) {
      assertName(name);
      const pool = await prepare();
      const result = await pool.query('DELETE FROM users WHERE name = $1', [name]);
      if (result.rowCount === 0) throw new AppError('not_found', `no user named "${name}" (see: mianba user list)`);
    },
    async verify(token) {
      if (!token.startsWith('mb_')) return undefined;
      const pool = await prepare();
      const result = await pool.query<UserRow>('SELECT id, name, role, created_at FROM users WHERE token_hash = $1', [hashToken(token)]);
      return result.rows[0] ? toUser(result.rows[0]) : undefined;
    },
    async close() {
      const opened = ready;
      ready = undefined;
      await (await opened?.catch(() => undefined))?.end();
    },
  };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface UserRow {
  id: string;
  name: string;
  role: UserRole;
  created_at: Date;
}

function toUser(row: UserRow): UserInfo {
  return { id: Number(row.id), name: row.name, role: row.role, createdAt: row.created_at.toISOString() };
}
