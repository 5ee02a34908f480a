// Regression: knowledge-base files written before schema 3 kept a unit's topic only joined by " > " in `topic`, and
// the store split it on every read. Schema 5 converts those rows once; new rows store the path as given, a heading
// that itself contains " > " included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations.js';
import { openSqliteDatabase } from './sqlite-open.js';
import { openSqliteStore } from './sqlite-store.js';

const folders: string[] = [];
const tempFile = () => {
  const folder = mkdtempSync(join(tmpdir(), 'mianba-topic-'));
  folders.push(folder);
  return join(folder, 'kb.db');
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('topic paths in the SQLite store', () => {
  it('reads a pre-schema-3 row as the path it was joined from, and an empty topic as no path', async () => {
    const file = tempFile();
    const old = openSqliteDatabase(file, migrations.slice(0, 2), 'old file');
    old.prepare("INSERT INTO documents (id, path, format, content_hash, bytes, ingested_at) VALUES (1, 'a.md', 'markdown', 'h', 1, '2024-01-01')").run();
    const insert = old.prepare(
      "INSERT INTO units (document_id, ordinal, kind, question, text, topic, line_start, line_end, token_set) VALUES (1, ?, 'qa', ?, 'answer', ?, ?, ?, '')",
    );
    insert.run(0, 'Q1?', '训练 > 混合精度 > bf16', 1, 1);
    insert.run(1, 'Q2?', '', 2, 2);
    old.close();
    const store = openSqliteStore(file, 'notes');
    try {
      const units = await store.findUnits({});
      expect(units.map((unit) => [unit.question, unit.topic])).toEqual([
        ['Q1?', ['训练', '混合精度', 'bf16']],
        ['Q2?', []],
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps a heading that contains " > " as one level', async () => {
    const store = openSqliteStore(tempFile(), 'notes');
    try {
      await store.replaceDocument({ path: 'b.md', format: 'markdown', contentHash: 'h', bytes: 1, title: undefined }, [
        {
          unit: { kind: 'qa', question: 'Q?', text: 'A', topic: ['x > y', 'z'], lineStart: 1, lineEnd: 1 },
          questionKey: undefined,
          questionId: undefined,
          tokens: { question: ['q'], text: ['a'], topic: ['x', 'y', 'z'] },
        },
      ]);
      expect((await store.findUnits({}))[0]?.topic).toEqual(['x > y', 'z']);
    } finally {
      await store.close();
    }
  });
});
