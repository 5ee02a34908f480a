// Where knowledge bases live on disk: $MIANBA_HOME/kb/<name>.db (plus SQLite's -wal and -shm files).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';

export const builtinKb = 'builtin';
const namePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function kbFile(home: string, name: string): string {
  assertKbName(name);
  return join(home, 'kb', `${name}.db`);
}

export function assertKbName(name: string): void {
  if (!namePattern.test(name)) throw new AppError('usage', `invalid knowledge base name "${name}": use letters, digits, - and _ (max 64)`);
}

/** Names of the user's knowledge bases (the built-in one excluded), sorted. */
export function listKbNames(home: string): string[] {
  const folder = join(home, 'kb');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.db'))
    .map((file) => file.slice(0, -3))
    .filter((name) => name !== builtinKb && namePattern.test(name))
    .sort();
}

export function kbExists(home: string, name: string): boolean {
  return existsSync(kbFile(home, name));
}

export function removeKbFiles(home: string, name: string): void {
  const file = kbFile(home, name);
  if (!existsSync(file)) throw new AppError('not_found', `no knowledge base named "${name}" (see: mianba kb list)`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
