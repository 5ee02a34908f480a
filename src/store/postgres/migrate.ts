// Brings a PostgreSQL database to the current schema. Several servers may start at once: a transaction-scoped
// advisory lock makes one of them migrate while the others wait and then find the work done.
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../core/errors.js';
import { postgresMigrations } from './migrations.js';

/** Arbitrary constant naming mianba's migration lock ("mianba" in ASCII, as a bigint). */
const migrationLock = 0x6d69616e6261;

export async function migratePostgres(pool: Pool, migrations: readonly string[] = postgresMigrations): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const version = await currentVersion(client);
    if (version > migrations.length)
      throw new AppError('store_failed', `the database was written by a newer mianba (schema ${version}, this one knows ${migrations.length}); upgrade mianba`);
    for (let index = version; index < migrations.length; index++) {
      await client.query(migrations[index] as string);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [index + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function currentVersion(client: PoolClient): Promise<number> {
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return result.rows[0]?.version ?? 0;
}
