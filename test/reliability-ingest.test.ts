// Reliability cases of issue 17 for ingestion: a DOCX zip bomb, a file with too many units, a 200,000-character run
// of one Han character, a file over its time budget (the batch moves on), and a full disk (named, summary returned,
// stored data intact). Runs the real ingest pipeline with its worker thread against a SQLite file in a temp dir.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../src/ingest/ingest-files.js';
import { maxDecompressedBytes, maxUnitChars, maxUnitsPerFile } from '../src/ingest/ingest-limits.js';
import { splitLongUnit } from '../src/ingest/parse-and-index.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { createDictionary } from '../src/text/segment.js';
import { createTokenizer } from '../src/text/tokenize.js';
import { makeDocx } from './support/make-zip.js';

const dictionary = createDictionary(['键值缓存', '注意力']);
const tokenize = createTokenizer(dictionary);

function place() {
  const root = mkdtempSync(join(tmpdir(), 'mianba-rel-ingest-'));
  const store = openSqliteStore(join(root, 'kb.sqlite'), 'rel');
  const write = (name: string, content: string | Buffer) => {
    writeFileSync(join(root, name), content);
    return name;
  };
  const ingest = (inputs: string[], extra: { fileBudgetMs?: number; store?: Store } = {}) =>
    ingestFiles({ inputs, cwd: root, maxFileBytes: 50 * 2 ** 20, prune: false, store: extra.store ?? store, tokenize, dictionary, ...extra });
  return { root, store, write, ingest };
}

const good = '## 什么是键值缓存?\n\n键值缓存保存已经算过的 K 和 V,避免重复计算。\n';

describe('hostile files fail one by one with a named limit', () => {
  it('a DOCX that inflates past the limit is refused before it is expanded (zip bomb)', async () => {
    const { write, ingest, store } = place();
    const bomb = makeDocx('的'.repeat(1000), Math.ceil(maxDecompressedBytes / 3000) + 10);
    expect(bomb.length).toBeLessThan(2 * 2 ** 20);
    const files = [write('bomb.docx', bomb), write('good.md', good)];
    const summary = await ingest(files);
    const report = summary.files.find((file) => file.path.endsWith('bomb.docx'));
    expect(report).toMatchObject({ outcome: 'failed', code: 'limit_exceeded', reason: expect.stringContaining('zip bomb') });
    expect(summary.counts.added).toBe(1);
    expect((await store.listDocuments()).map((document) => document.path)).toEqual([expect.stringMatching(/good\.md$/)]);
  });

  it('a file with more units than the limit is refused and stores nothing', async () => {
    const { write, ingest, store } = place();
    const many = Array.from({ length: maxUnitsPerFile + 50 }, (_, index) => `## 问题 ${index} 是什么?\n\n答案 ${index}。\n`).join('\n');
    const summary = await ingest([write('many.md', many)]);
    expect(summary.files[0]).toMatchObject({ outcome: 'failed', code: 'limit_exceeded', reason: expect.stringContaining('units') });
    expect(await store.listDocuments()).toEqual([]);
  }, 60_000);

  it('a 200,000-character run of one Han character is ingested', async () => {
    const { write, ingest } = place();
    const summary = await ingest([write('run.md', `# 长串\n\n${'的'.repeat(200_000)}\n`)]);
    expect(summary.files[0]).toMatchObject({ outcome: 'added' });
  });

  it('a file over its time budget fails with ingest_timeout and the next file is still ingested', async () => {
    const { write, ingest, store } = place();
    const files = [write('a-slow.md', `# 慢\n\n${'的'.repeat(3_000_000)}\n`), write('b-good.md', good)];
    const summary = await ingest(files, { fileBudgetMs: 300 });
    expect(summary.files.map((file) => [file.outcome, file.code])).toEqual([
      ['failed', 'ingest_timeout'],
      ['added', undefined],
    ]);
    expect(await store.listDocuments()).toHaveLength(1);
  });
});

describe('a full disk is named and the summary is still returned', () => {
  it('simulated: writes fail with SQLITE_FULL (recording the error too); stored documents stay intact', async () => {
    const { write, ingest, store } = place();
    await ingest([write('kept.md', good)]);
    const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const full: Store = Object.assign(Object.create(store) as Store, {
      replaceDocument: () => {
        throw diskFull();
      },
      replaceDocuments: () => {
        throw diskFull();
      },
      recordError: () => {
        throw diskFull();
      },
    });
    const summary = await ingest([write('new.md', '## 注意力是什么?\n\n加权求和。\n')], { store: full });
    expect(summary.files[0]).toMatchObject({ outcome: 'failed', code: 'disk_full', reason: expect.stringContaining('disk is full') });
    expect(summary.counts.failed).toBe(1);
    expect((await store.listDocuments()).map((document) => document.path)).toEqual([expect.stringMatching(/kept\.md$/)]);
  });
});

describe('units longer than the limit are stored in slices', () => {
  it('a 100,000-character unit becomes slices of at most maxUnitChars that cover it', () => {
    const text = `${'键值缓存保存已经算过的结果。'.repeat(5000)}`;
    const pieces = splitLongUnit({ kind: 'qa', question: '什么是键值缓存?', text, topic: ['笔记'], lineStart: 3, lineEnd: 3 });
    expect(pieces.length).toBeGreaterThan(text.length / maxUnitChars);
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(maxUnitChars);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(pieces.map((piece) => piece.kind)).toEqual(['qa', ...Array(pieces.length - 1).fill('prose')]);
    expect(pieces[1]?.text.startsWith('键值')).toBe(true);
  });
});
