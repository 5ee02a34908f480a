// The Store contract, run against every implementation (SQLite in a temp file and in memory): documents replace
// atomically, lexical search ranks by BM25 with field weights, vectors and embedder identity are kept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../core/types.js';
import { openSqliteStore } from './sqlite-store.js';
import type { IndexedUnit, Store } from './store.js';

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const cases: [string, () => Store][] = [
  ['SQLite file', () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'mianba-store-')), 'kb', 'test.db'), 'test')],
  ['SQLite in memory', () => openSqliteStore(':memory:', 'test')],
];

function documentWith(path: string, questions: [string, string][], hash = 'h1'): { document: ParsedDocument; units: IndexedUnit[] } {
  const units = questions.map(([question, text], index) => ({
    kind: 'qa' as const,
    question,
    text,
    topic: ['推理'],
    lineStart: index * 3 + 1,
    lineEnd: index * 3 + 2,
  }));
  return {
    document: { path, format: 'markdown', contentHash: hash, bytes: 100, title: 'notes', units },
    units: units.map((unit) => ({
      unit,
      questionKey: unit.question.replace(/\W/g, ''),
      questionId: `q-${unit.question.length}`,
      tokens: { question: unit.question.split(' '), text: unit.text.split(' '), topic: ['推理'] },
      vector: new Float32Array([1, 0]),
    })),
  };
}

describe.each(cases)('Store contract: %s', (_name, make) => {
  it('stores a document and finds its units by BM25, question field first', () => {
    const store = make();
    stores.push(store);
    const { document, units } = documentWith('/notes/a.md', [
      ['kv cache 加速', '缓存 k v'],
      ['lora 初始化', 'kv cache 也 提到'],
    ]);
    store.replaceDocument(document, units);
    const matches = store.searchLexical({ tokens: ['kv', 'cache'], weights: [4, 1, 1], limit: 10 });
    expect(matches).toHaveLength(2);
    const [first] = store.getUnits([matches[0]?.unitId as number]);
    expect(first?.question).toBe('kv cache 加速');
    expect(first?.path).toBe('/notes/a.md');
    expect(first?.lineStart).toBe(1);
    expect(store.documentHash('/notes/a.md')).toBe('h1');
  });

  it('replaces a document as a whole and removes it completely', () => {
    const store = make();
    stores.push(store);
    const first = documentWith('/notes/a.md', [['旧 问题', '旧 答案']]);
    store.replaceDocument(first.document, first.units);
    const second = documentWith(
      '/notes/a.md',
      [
        ['新 问题', '新 答案'],
        ['另一个 问题', '答案'],
      ],
      'h2',
    );
    store.replaceDocument(second.document, second.units);
    expect(store.counts()).toMatchObject({ documents: 1, units: 2, questions: 2 });
    expect(store.searchLexical({ tokens: ['旧'], weights: [1, 1, 1], limit: 5 })).toEqual([]);
    expect(store.removeDocument('/notes/a.md')).toBe(true);
    expect(store.counts()).toMatchObject({ documents: 0, units: 0 });
    expect(store.searchLexical({ tokens: ['新'], weights: [1, 1, 1], limit: 5 })).toEqual([]);
    expect([...store.vectors()]).toEqual([]);
  });

  it('keeps a failed transaction out entirely', () => {
    const store = make();
    stores.push(store);
    const good = documentWith('/notes/a.md', [['好 问题', '答案']]);
    store.replaceDocument(good.document, good.units);
    const bad = documentWith('/notes/a.md', [['坏 问题', '答案']], 'h2');
    (bad.units[0] as IndexedUnit).unit = { ...(bad.units[0] as IndexedUnit).unit, kind: 'broken' as 'qa' };
    expect(() => store.replaceDocument(bad.document, bad.units)).toThrow();
    expect(store.documentHash('/notes/a.md')).toBe('h1');
    expect(store.searchLexical({ tokens: ['好'], weights: [1, 1, 1], limit: 5 })).toHaveLength(1);
  });

  it('records the embedder, its vectors and per-file errors', () => {
    const store = make();
    stores.push(store);
    store.setEmbedder({ id: 'e1', dimensions: 2 });
    const { document, units } = documentWith('/notes/a.md', [['问题', '答案']]);
    store.replaceDocument(document, units);
    expect(store.embedder()).toEqual({ id: 'e1', dimensions: 2 });
    expect([...store.vectors()].map((row) => Array.from(row.vector))).toEqual([[1, 0]]);
    store.recordError('/notes/bad.pdf', 'parse_failed', 'corrupt');
    expect(store.listErrors()).toMatchObject([{ path: '/notes/bad.pdf', code: 'parse_failed' }]);
    store.setEmbedder(undefined);
    expect(store.embedder()).toBeUndefined();
    expect([...store.vectors()]).toEqual([]);
  });
});
