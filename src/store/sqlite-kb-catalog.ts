// KbCatalog on SQLite files: $MIANBA_HOME/kb/<name>.db (plus SQLite's -wal and -shm files), one file per knowledge
// base. The only code that maps knowledge-base names to files. home ':memory:' keeps every knowledge base in memory.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { assertKbName, isKbName } from '../core/kb-name.js';
import type { KbCatalog } from './kb-catalog.js';
import { seedKbFile } from './prebuilt-kb.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

export interface SqliteKbCatalogOptions {
  /** The data folder ($MIANBA_HOME), or ':memory:'. */
  home: string;
  /** Prebuilt files a missing knowledge base starts from (the built-in KB built at `npm run build`). */
  seeds?: Readonly<Record<string, string>>;
}

/** The file of a knowledge base under a home folder. */
export function sqliteKbFile(home: string, name: string): string {
  assertKbName(name);
  return join(home, 'kb', `${name}.db`);
}

export function createSqliteKbCatalog(options: SqliteKbCatalogOptions): KbCatalog {
  const inMemory = options.home === ':memory:';
  const folder = join(options.home, 'kb');
  const open = new Map<string, SqliteStore>();
  const fileOf = (name: string) => sqliteKbFile(options.home, name);
  const exists = (name: string) => open.has(name) || (!inMemory && isKbName(name) && existsSync(fileOf(name)));
  const openOrCreate = (name: string): SqliteStore => {
    const existing = open.get(name);
    if (existing) return existing;
    const seed = options.seeds?.[name];
    if (seed && !inMemory) seedKbFile(fileOf(name), seed);
    const store = openSqliteStore(inMemory ? ':memory:' : fileOf(name), name);
    open.set(name, store);
    return store;
  };
  const missing = (name: string) => new AppError('not_found', `no knowledge base named "${name}" (see: mianba kb list)`);

  const catalog: KbCatalog = {
    async list() {
      const names = new Set(open.keys());
      if (!inMemory && existsSync(folder))
        for (const file of readdirSync(folder)) if (file.endsWith('.db') && isKbName(file.slice(0, -3))) names.add(file.slice(0, -3));
      return [...names].sort();
    },
    async exists(name) {
      return exists(name);
    },
    async ownership() {
      return (await catalog.list()).map((name) => ({ name, ownerId: undefined, visibility: 'shared' as const }));
    },
    async open(name) {
      assertKbName(name);
      if (!exists(name)) throw missing(name);
      return openOrCreate(name);
    },
    async create(name) {
      assertKbName(name);
      return openOrCreate(name);
    },
    async remove(name) {
      assertKbName(name);
      if (!exists(name)) throw missing(name);
      open.get(name)?.closeNow();
      open.delete(name);
      if (inMemory) return;
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${fileOf(name)}${suffix}`, { force: true });
    },
    async close() {
      for (const store of open.values()) store.closeNow();
      open.clear();
    },
  };
  return catalog;
}
