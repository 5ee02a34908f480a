// Seeds a knowledge-base file from a copy built at `npm run build` time (dist/builtin.db), so the first command on a
// fresh home opens the built-in knowledge base instead of building it (segmenting, embedding and ~30 fsync'd writes:
// seconds). Only ever creates a missing file, never replaces one; the caller still checks the copy is current.
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Copies `prebuilt` to `target` when `target` does not exist. The copy goes to a temporary name, is fsync'd, then
 * hard-linked into place (link fails if the target appeared meanwhile), so a crash or a concurrent first run never
 * leaves half a database under the real name. Returns true when this call created the file.
 */
export function seedKbFile(target: string, prebuilt: string): boolean {
  if (existsSync(target) || !existsSync(prebuilt)) return false;
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.seed-${process.pid}`;
  try {
    copyFileSync(prebuilt, temporary);
    const handle = openSync(temporary, 'r+');
    try {
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    linkSync(temporary, target);
    return true;
  } catch (error) {
    // Another process seeded or created it first: theirs is as good as ours.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
