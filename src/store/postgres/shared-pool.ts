// One lazily opened, migrated connection pool for the per-person data of a team server (practice, conversations, users):
// pg is loaded and the schema migrated on first use, so a process that never practises never connects for it.
import type { Pool } from 'pg';
import { AppError } from '../../core/errors.js';
import { migratePostgres } from './migrate.js';
import { redactUrl } from './postgres-kb-catalog.js';

export interface SharedPool {
  pool(): Promise<Pool>;
  close(): Promise<void>;
}

export function createSharedPool(options: { url: string; maxConnections?: number; name?: string }): SharedPool {
  let ready: Promise<Pool> | undefined;
  return {
    pool() {
      ready ??= (async () => {
        const { default: pg } = await import('pg');
        // Fewer connections than the catalog's 10: practice and conversation writes are small and short.
        const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 4, application_name: options.name ?? 'mianba-people' });
        pool.on('error', () => undefined);
        await migratePostgres(pool);
        return pool;
      })().catch((error: unknown) => {
        ready = undefined;
        throw error instanceof AppError
          ? error
          : new AppError('store_failed', `cannot use the PostgreSQL database at ${redactUrl(options.url)}: ${(error as Error).message}`, { cause: error });
      });
      return ready;
    },
    async close() {
      const opened = ready;
      ready = undefined;
      await (await opened?.catch(() => undefined))?.end();
    },
  };
}
