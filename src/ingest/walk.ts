// Expands the user's inputs (files, folders, globs) into the files to ingest. Folders are walked recursively,
// skipping hidden folders and node_modules; only supported extensions are taken from folders and globs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { formatOf } from './load-formats.js';

export interface WalkResult {
  files: string[];
  /** Inputs that matched nothing. */
  missing: string[];
}

export async function walkInputs(inputs: string[], cwd: string): Promise<WalkResult> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    if (existsSync(absolute)) {
      const stats = statSync(absolute);
      if (stats.isDirectory()) for (const file of walkFolder(absolute)) files.add(file);
      else files.add(absolute);
      continue;
    }
    if (/[*?[\]{}]/.test(input)) {
      const matches = await glob(input, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] });
      const supported = matches.filter((file) => formatOf(file) !== undefined);
      if (supported.length === 0) missing.push(input);
      for (const file of supported) files.add(resolve(file));
      continue;
    }
    missing.push(input);
  }
  return { files: [...files].sort(), missing };
}

function walkFolder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...walkFolder(path));
    else if (entry.isFile() && formatOf(path) !== undefined) found.push(path);
  }
  return found;
}
