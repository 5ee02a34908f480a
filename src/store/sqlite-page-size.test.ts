// New knowledge-base files use 8 KB pages (three vectors per page instead of one, so ingest writes a third fewer
// bytes); a file written with 4 KB pages keeps them, stays readable and takes new documents without a rewrite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations.js';
import { openSqliteDatabase } from './sqlite-open.js';
import { knowledgeBasePageSize, openSqliteStore } from './sqlite-store.js';
import type { IndexedUnit } from './store.js';

const folders: string[] = [];
const tempFile = () => {
  const folder = mkdtempSync(join(tmpdir(), 'mianba-page-'));
  folders.push(folder);
  return join(folder, 'kb.db');
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const pageSizeOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('page_size', { simple: true });
  } finally {
    db.close();
  }
};

const unit = (text: string): IndexedUnit => ({
  unit: { kind: 'prose', question: undefined, text, topic: [], lineStart: 1, lineEnd: 1 },
  questionKey: undefined,
  questionId: undefined,
  tokens: { question: [], text: text.split(' '), topic: [] },
  vector: new Float32Array(512).fill(1 / Math.sqrt(512)),
});

const write = (path: string, text: string) => ({
  document: { path, format: 'markdown' as const, contentHash: path, bytes: text.length, title: undefined },
  units: [unit(text)],
});

describe('page size of knowledge-base files', () => {
  it('is 8 KB for a new file', async () => {
    const file = tempFile();
    const store = openSqliteStore(file, 'notes');
    await store.replaceDocuments([write('a.md', 'kv cache')]);
    await store.close();
    expect(knowledgeBasePageSize).toBe(8192);
    expect(pageSizeOf(file)).toBe(8192);
  });

  it('stays 4 KB for a file created with 4 KB pages, whose documents are kept and which takes new ones', async () => {
    // Files of earlier versions were created with SQLite's default 4 KB pages.
    const legacy = tempFile();
    const db = openSqliteDatabase(legacy, migrations, 'legacy file', { pageSize: 4096 });
    db.close();
    const first = openSqliteStore(legacy, 'notes');
    await first.replaceDocuments([write('a.md', 'kv cache')]);
    await first.close();
    const again = openSqliteStore(legacy, 'notes');
    await again.replaceDocuments([write('b.md', 'attention')]);
    expect((await again.listDocuments()).map((document) => document.path)).toEqual(['a.md', 'b.md']);
    expect((await again.searchLexical({ tokens: ['cache'], fieldWeights: { question: 1, text: 1, topic: 1 }, limit: 5 })).length).toBe(1);
    await again.close();
    expect(pageSizeOf(legacy)).toBe(4096);
  });
});
