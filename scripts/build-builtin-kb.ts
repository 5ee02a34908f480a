// Build step (`npm run build`, after the bank is compiled): builds the built-in knowledge base once, with the default
// configuration in a throwaway home, and writes it compacted to dist/builtin.db. A fresh home copies it on first use
// (src/store/prebuilt-kb.ts) instead of spending seconds building it. Nothing is downloaded.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../src/app.js';
import { packageRoot } from '../src/bank/bank-data.js';
import { loadConfig } from '../src/config/config.js';
import { builtinKb } from '../src/core/kb-name.js';
import { sqliteKbFile } from '../src/store/sqlite-kb-catalog.js';

const output = join(packageRoot, 'dist', 'builtin.db');
const home = mkdtempSync(join(tmpdir(), 'mianba-prebuild-'));
try {
  // A stale copy would be seeded and then synced: correct but slower; start from nothing so the file is canonical.
  rmSync(output, { force: true });
  const app = createApp(await loadConfig({ env: { MIANBA_HOME: home } }));
  try {
    // Showing the built-in KB builds it (bank sync with the active tokenizer and embedder identity).
    await app.showKb(builtinKb);
  } finally {
    await app.close();
  }
  const database = new Database(sqliteKbFile(home, builtinKb), { readonly: true });
  try {
    database.prepare('VACUUM INTO ?').run(output);
  } finally {
    database.close();
  }
  if (!existsSync(output)) throw new Error('VACUUM INTO wrote nothing');
  process.stdout.write(`built-in knowledge base -> dist/builtin.db (${(statSync(output).size / 1e6).toFixed(1)} MB)\n`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
