// One person's view of a team server's knowledge bases: shared ones and their own private ones, nothing else. Reading
// another person's private knowledge base looks exactly like a missing one (not_found); writing is checked by
// `assertWritable`, which the App calls before every change (ingest, remove, re-index). Members create private
// knowledge bases, admins shared ones; only an admin changes a shared one. Pure policy over another KbCatalog.
import { AppError } from '../core/errors.js';
import { builtinKb } from '../core/kb-name.js';
import type { KbCatalog, KbOwnership } from './kb-catalog.js';
import type { UserInfo } from './user-directory.js';

export interface ScopedCatalog {
  catalog: KbCatalog;
  /** Throws forbidden unless this person may change (or create) the knowledge base `name`. */
  assertWritable(name: string): Promise<void>;
}

export function scopeKbCatalog(base: KbCatalog, user: Pick<UserInfo, 'id' | 'role'>): ScopedCatalog {
  const readable = (entry: KbOwnership) => entry.visibility === 'shared' || entry.ownerId === user.id;
  const entryOf = async (name: string) => (await base.ownership()).find((entry) => entry.name === name);
  const missing = (name: string) => new AppError('not_found', `no knowledge base named "${name}" (see: mianba kb list)`);
  const assertReadable = async (name: string) => {
    if (name === builtinKb) return;
    const entry = await entryOf(name);
    if (!entry || !readable(entry)) throw missing(name);
  };
  const assertWritable = async (name: string) => {
    const entry = await entryOf(name);
    if (!entry) return;
    if (!readable(entry)) throw new AppError('forbidden', `the knowledge base "${name}" belongs to someone else; choose another name`);
    if (entry.visibility === 'shared' && user.role !== 'admin') throw new AppError('forbidden', `only an admin may change the shared knowledge base "${name}"`);
  };
  const catalog: KbCatalog = {
    list: async () => (await base.ownership()).filter(readable).map((entry) => entry.name),
    ownership: async () => (await base.ownership()).filter(readable),
    async exists(name) {
      const entry = await entryOf(name);
      return entry !== undefined && readable(entry);
    },
    async open(name) {
      await assertReadable(name);
      return base.open(name);
    },
    async create(name) {
      // The built-in bank is everyone's: created unowned and shared, whoever asks first.
      if (name === builtinKb) return base.create(name);
      const entry = await entryOf(name);
      if (entry) {
        if (!readable(entry)) throw missing(name);
        return base.create(name);
      }
      return base.create(name, { ownerId: user.id, visibility: user.role === 'admin' ? 'shared' : 'private' });
    },
    async remove(name) {
      await assertReadable(name);
      await assertWritable(name);
      await base.remove(name);
    },
    // The base catalog (and its pool) belongs to the App that made this view.
    close: async () => undefined,
  };
  return { catalog, assertWritable };
}
