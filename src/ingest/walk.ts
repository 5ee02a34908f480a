// Expands the user's inputs (files, folders, globs) into the files to ingest. Folders are walked recursively,
// skipping hidden folders and node_modules; only supported extensions are taken from folders and globs.
// Symlink policy (one for walks and globs): a link is followed only when its real target lies inside the root the
// user gave (the folder, or a glob's fixed leading folder); the file is then recorded by its real path, verified
// now, so later downloads never re-resolve a link. Links leading outside are reported as refused, never silent.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { formatOf } from '../core/formats.js';

export interface WalkResult {
  files: string[];
  /** Inputs that matched nothing. */
  missing: string[];
  /** Symbolic links not followed because they lead outside the input's root. */
  refusedLinks: { path: string; target: string }[];
}

export async function walkInputs(inputs: string[], cwd: string): Promise<WalkResult> {
  const files = new Set<string>();
  const missing: string[] = [];
  const refusedLinks: WalkResult['refusedLinks'] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    if (existsSync(absolute)) {
      if (statSync(absolute).isDirectory()) {
        const root = realpathSync(absolute);
        for (const file of walkFolder(absolute, root, new Set([root]), refusedLinks)) files.add(file);
      } else files.add(lstatSync(absolute).isSymbolicLink() ? realpathSync(absolute) : absolute);
      continue;
    }
    if (/[*?[\]{}]/.test(input)) {
      const root = realOrSelf(resolve(cwd, fixedPrefix(input)));
      const matches = await glob(input, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] });
      const supported = matches.filter((file) => formatOf(file) !== undefined);
      if (supported.length === 0) missing.push(input);
      for (const file of supported) {
        const path = resolve(file);
        const real = realOrSelf(path);
        if (!isWithin(root, real)) refusedLinks.push({ path, target: real });
        else files.add(lstatSync(path).isSymbolicLink() ? real : path);
      }
      continue;
    }
    missing.push(input);
  }
  return { files: [...files].sort(), missing, refusedLinks };
}

/** The folder part of a glob before its first wildcard ("notes/**\/*.md" -> "notes"). */
export function fixedPrefix(pattern: string): string {
  const parts = pattern.split(/[/\\]/);
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/') || '.';
}

function walkFolder(folder: string, root: string, seen: Set<string>, refused: WalkResult['refusedLinks']): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isSymbolicLink()) {
      const real = realOrSelf(path);
      if (real === path || !existsSync(real)) continue;
      if (!isWithin(root, real)) {
        refused.push({ path, target: real });
        continue;
      }
      const stats = statSync(real);
      if (stats.isDirectory() && !seen.has(real)) {
        seen.add(real);
        found.push(...walkFolder(real, root, seen, refused));
      } else if (stats.isFile() && formatOf(real) !== undefined) found.push(real);
      continue;
    }
    if (entry.isDirectory()) found.push(...walkFolder(path, root, seen, refused));
    else if (entry.isFile() && formatOf(path) !== undefined) found.push(path);
  }
  return found;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}
