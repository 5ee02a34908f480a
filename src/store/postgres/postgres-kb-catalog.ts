// KbCatalog on PostgreSQL: every knowledge base is a row of `kbs` in one database that any number of mianba servers
// share. Owns the connection pool; loads the client and migrates the schema once, before the first query (so a
// SQLite-only CLI start never loads pg).
import type { Pool } from 'pg';
import { AppError } from '../../core/errors.js';
import { assertKbName, isKbName } from '../../core/kb-name.js';
import type { KbCatalog, KbVisibility } from '../kb-catalog.js';
import { migratePostgres } from './migrate.js';
import { PostgresStore } from './postgres-store.js';
import { inTransaction } from './write-document.js';

export interface PostgresCatalogOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections per process (default 10, node-postgres' default: enough for one server's concurrent requests). */
  maxConnections?: number;
}

export function createPostgresKbCatalog(options: PostgresCatalogOptions): KbCatalog {
  let ready: Promise<Pool> | undefined;
  let pool: Pool | undefined;
  const prepare = (): Promise<Pool> => {
    ready ??= (async () => {
      const { default: pg } = await import('pg');
      pool ??= new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10, application_name: 'mianba' });
      // An idle connection dropped by the server must not crash the process: the next query reconnects or fails clearly.
      pool.on('error', () => undefined);
      await migratePostgres(pool);
      return pool;
    })().catch((error: unknown) => {
      ready = undefined;
      throw asStoreError(error, options.url);
    });
    return ready;
  };
  const open = new Map<string, PostgresStore>();
  const idOf = async (pool: Pool, name: string): Promise<number | undefined> => {
    const result = await pool.query<{ id: string }>('SELECT id FROM kbs WHERE name = $1', [name]);
    return result.rows[0] ? Number(result.rows[0].id) : undefined;
  };
  const storeOf = (pool: Pool, name: string, id: number) => {
    let store = open.get(name);
    if (!store) {
      store = new PostgresStore(pool, name, id);
      open.set(name, store);
    }
    return store;
  };
  const missing = (name: string) => new AppError('not_found', `no knowledge base named "${name}" (see: mianba kb list)`);

  return {
    async list() {
      const pool = await prepare();
      const result = await pool.query<{ name: string }>('SELECT name FROM kbs ORDER BY name COLLATE "C"');
      return result.rows.map((row) => row.name);
    },
    async ownership() {
      const pool = await prepare();
      const result = await pool.query<{ name: string; owner_id: string | null; visibility: KbVisibility }>(
        'SELECT name, owner_id, visibility FROM kbs ORDER BY name COLLATE "C"',
      );
      return result.rows.map((row) => ({ name: row.name, ownerId: row.owner_id === null ? undefined : Number(row.owner_id), visibility: row.visibility }));
    },
    async exists(name) {
      if (!isKbName(name)) return false;
      return (await idOf(await prepare(), name)) !== undefined;
    },
    async open(name) {
      assertKbName(name);
      const pool = await prepare();
      const id = await idOf(pool, name);
      if (id === undefined) throw missing(name);
      return storeOf(pool, name, id);
    },
    async create(name, owner) {
      assertKbName(name);
      const pool = await prepare();
      // ON CONFLICT: several servers creating the same knowledge base at once all get the one row.
      await pool.query('INSERT INTO kbs (name, owner_id, visibility) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
        name,
        owner?.ownerId ?? null,
        owner?.visibility ?? 'shared',
      ]);
      const id = await idOf(pool, name);
      if (id === undefined) throw missing(name);
      return storeOf(pool, name, id);
    },
    async remove(name) {
      assertKbName(name);
      const pool = await prepare();
      // Postings carry no foreign key (see migrations.ts): removed with the knowledge base in one transaction.
      const result = await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM postings WHERE kb_id = (SELECT id FROM kbs WHERE name = $1)', [name]);
        return client.query('DELETE FROM kbs WHERE name = $1', [name]);
      });
      await open.get(name)?.close();
      open.delete(name);
      if (result.rowCount === 0) throw missing(name);
    },
    async close() {
      for (const store of open.values()) await store.close();
      open.clear();
      const opened = pool;
      pool = undefined;
      ready = undefined;
      await opened?.end();
    },
  };
}

function asStoreError(error: unknown, url: string): unknown {
  if (error instanceof AppError) return error;
  return new AppError('store_failed', `cannot use the PostgreSQL database at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
