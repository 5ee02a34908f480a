// UserDirectory on PostgreSQL: the `users` table of a team server's database. A personal token is 32 random bytes
// (base64url, prefixed "mb_"); only its SHA-256 is stored, so a database dump does not reveal tokens.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import type { UserDirectory, UserInfo, UserRole } from '../user-directory.js';
import { createSharedPool } from './shared-pool.js';

const userNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function createPostgresUserDirectory(options: { url: string }): UserDirectory {
  // Few connections: user commands and token checks are rare next to searches.
  const shared = createSharedPool({ url: options.url, maxConnections: 2, name: 'mianba-users' });
  const prepare = () => shared.pool();
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
    close: () => shared.close(),
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
