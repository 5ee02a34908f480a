// The Store and KbCatalog contract, run against every implementation in `implementations` (SQLite in a temp folder
// and in memory; PostgreSQL adds itself there). Documents replace atomically, lexical search is BM25 with field
// weights over our own tokens, vector search is exact cosine, term statistics, identity, meta and errors are kept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lazyPgDatabases } from '../../test/support/pg-cluster.js';
import type { ParsedDocument } from '../core/types.js';
import type { KbCatalog } from './kb-catalog.js';
import { createPostgresKbCatalog } from './postgres/postgres-kb-catalog.js';
import { createSqliteKbCatalog } from './sqlite-kb-catalog.js';
import type { IndexedUnit, Store } from './store.js';

/** One implementation under test: a fresh, empty catalog per call, and how to dispose of everything afterwards. */
interface StoreImplementation {
  name: string;
  catalog(): Promise<KbCatalog>;
  dispose?(): Promise<void>;
}

const postgresDatabases = lazyPgDatabases('contract');

const implementations: StoreImplementation[] = [
  { name: 'SQLite files', catalog: async () => createSqliteKbCatalog({ home: mkdtempSync(join(tmpdir(), 'mianba-store-')) }) },
  { name: 'SQLite in memory', catalog: async () => createSqliteKbCatalog({ home: ':memory:' }) },
  // A throwaway cluster (initdb in a temp folder, 127.0.0.1), a fresh database per catalog.
  { name: 'PostgreSQL', catalog: async () => createPostgresKbCatalog({ url: await postgresDatabases.next() }), dispose: () => postgresDatabases.stop() },
];

const weights = { question: 4, text: 1, topic: 1.5 };

function documentWith(path: string, questions: [string, string][], hash = 'h1'): { document: ParsedDocument; units: IndexedUnit[] } {
  const units = questions.map(([question, text], index) => ({
    kind: 'qa' as const,
    question,
    text,
    topic: ['推理', 'KV'],
    lineStart: index * 3 + 1,
    lineEnd: index * 3 + 2,
  }));
  return {
    document: { path, format: 'markdown', contentHash: hash, bytes: 100, title: 'notes', units },
    units: units.map((unit, index) => ({
      unit,
      questionKey: unit.question.replaceAll(' ', ''),
      questionId: `q-${path}-${index}`,
      tokens: { question: unit.question.split(' '), text: unit.text.split(' '), topic: ['推理'] },
      vector: index % 2 === 0 ? new Float32Array([1, 0]) : new Float32Array([0.6, 0.8]),
    })),
  };
}

describe.each(implementations)('Store contract: $name', (implementation) => {
  const catalogs: KbCatalog[] = [];
  const fresh = async (): Promise<{ catalog: KbCatalog; store: Store }> => {
    const catalog = await implementation.catalog();
    catalogs.push(catalog);
    return { catalog, store: await catalog.create('test') };
  };
  afterEach(async () => {
    for (const catalog of catalogs.splice(0)) await catalog.close();
  });
  afterAll(async () => {
    await implementation.dispose?.();
  });

  it('stores a document and finds its units by BM25, a match in the question first', async () => {
    const { store } = await fresh();
    const { document, units } = documentWith('/notes/a.md', [
      ['kv cache 加速', '缓存 k v'],
      ['lora 初始化', 'kv cache 也 提到'],
      ['量化 方法', '无关 内容'],
    ]);
    await store.replaceDocument(document, units);
    const matches = await store.searchLexical({ tokens: ['kv', 'cache'], fieldWeights: weights, limit: 10 });
    expect(matches).toHaveLength(2);
    expect(matches[0]?.score).toBeGreaterThan(matches[1]?.score as number);
    const [first] = await store.getUnits([matches[0]?.unitId as number]);
    expect(first).toMatchObject({ kb: 'test', question: 'kv cache 加速', path: '/notes/a.md', lineStart: 1, topic: ['推理', 'KV'] });
    expect((await store.searchLexical({ tokens: ['kv', 'cache'], fieldWeights: weights, limit: 1 })).map((m) => m.unitId)).toEqual([first?.id]);
    expect(await store.listDocuments()).toMatchObject([{ path: '/notes/a.md', contentHash: 'h1', units: 3, questions: 3, answered: 3 }]);
  });

  it('weighs fields as asked: a topic-heavy weighting ranks the topic match first', async () => {
    const { store } = await fresh();
    const { document, units } = documentWith('/notes/b.md', [
      ['rope 位置', '编码'],
      ['其他 问题', 'rope rope 出现'],
    ]);
    await store.replaceDocument(document, units);
    const byQuestion = await store.searchLexical({ tokens: ['rope'], fieldWeights: { question: 10, text: 0.1, topic: 1 }, limit: 5 });
    const byText = await store.searchLexical({ tokens: ['rope'], fieldWeights: { question: 0.1, text: 10, topic: 1 }, limit: 5 });
    const [questionUnit] = await store.getUnits([byQuestion[0]?.unitId as number]);
    const [textUnit] = await store.getUnits([byText[0]?.unitId as number]);
    expect(questionUnit?.question).toBe('rope 位置');
    expect(textUnit?.question).toBe('其他 问题');
  });

  it('replaces a document as a whole and removes it completely', async () => {
    const { store } = await fresh();
    const first = documentWith('/notes/a.md', [['旧 问题', '旧 答案']]);
    await store.replaceDocument(first.document, first.units);
    const [imported] = await store.listDocuments();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = documentWith(
      '/notes/a.md',
      [
        ['新 问题', '新 答案'],
        ['另一个 问题', '答案'],
      ],
      'h2',
    );
    await store.replaceDocument(second.document, second.units);
    expect(await store.listDocuments()).toMatchObject([{ path: '/notes/a.md', contentHash: 'h2', units: 2 }]);
    // A replacement (an edit, a re-index) keeps the first import time and records the new indexing time.
    const [replaced] = await store.listDocuments();
    expect(replaced?.ingestedAt).toBe(imported?.ingestedAt);
    expect(Date.parse(replaced?.indexedAt ?? '')).toBeGreaterThan(Date.parse(imported?.indexedAt ?? ''));
    expect(await store.searchLexical({ tokens: ['旧'], fieldWeights: weights, limit: 5 })).toEqual([]);
    expect((await store.termStats(['旧', '新'])).documentFrequencies).toEqual(new Map([['新', 1]]));
    expect(await store.removeDocument('/notes/a.md')).toBe(true);
    expect(await store.removeDocument('/notes/a.md')).toBe(false);
    expect(await store.listDocuments()).toEqual([]);
    expect(await store.searchLexical({ tokens: ['新'], fieldWeights: weights, limit: 5 })).toEqual([]);
    expect(await store.searchVectors({ vector: new Float32Array([1, 0]), limit: 5 })).toEqual([]);
    expect(await store.findUnits({})).toEqual([]);
    expect((await store.termStats(['新'])).units).toBe(0);
  });

  it('keeps a failed replace out entirely', async () => {
    const { store } = await fresh();
    const good = documentWith('/notes/a.md', [['好 问题', '答案']]);
    await store.replaceDocument(good.document, good.units);
    const bad = documentWith('/notes/a.md', [['坏 问题', '答案']], 'h2');
    (bad.units[0] as IndexedUnit).unit = { ...(bad.units[0] as IndexedUnit).unit, kind: 'broken' as 'qa' };
    await expect(store.replaceDocument(bad.document, bad.units)).rejects.toThrow();
    expect((await store.listDocuments()).map((d) => d.contentHash)).toEqual(['h1']);
    expect(await store.searchLexical({ tokens: ['好'], fieldWeights: weights, limit: 5 })).toHaveLength(1);
    expect(await store.searchLexical({ tokens: ['坏'], fieldWeights: weights, limit: 5 })).toEqual([]);
  });

  it('writes a batch of documents, each whole: a failing one is rolled back alone and named', async () => {
    const { store } = await fresh();
    const previous = documentWith('/notes/b.md', [['旧 问题', '旧 答案']], 'old');
    await store.replaceDocument(previous.document, previous.units);
    const a = documentWith('/notes/a.md', [['甲 问题', '答案']]);
    const bad = documentWith(
      '/notes/b.md',
      [
        ['坏 问题', '答案'],
        ['坏 第二', '答案'],
      ],
      'h2',
    );
    (bad.units[1] as IndexedUnit).unit = { ...(bad.units[1] as IndexedUnit).unit, kind: 'broken' as 'qa' };
    const c = documentWith('/notes/c.md', [
      ['丙 问题', '答案'],
      ['丙 第二', '答案'],
    ]);
    const empty = { path: '/notes/empty.md', code: 'empty_document', message: 'the file is empty' };
    const outcomes = await store.replaceDocuments([a, bad, c], [empty]);
    expect(outcomes.map((outcome) => outcome.stored)).toEqual([true, false, true]);
    // The batch's errors are recorded once, also when a failing document made the store write the batch again.
    expect((await store.listErrors()).filter((error) => error.path === empty.path).map((error) => error.code)).toEqual(['empty_document']);
    expect(outcomes[1]).toMatchObject({ stored: false, error: expect.any(Error) });
    expect((await store.listDocuments()).map((d) => [d.path, d.contentHash, d.units])).toEqual([
      ['/notes/a.md', 'h1', 1],
      ['/notes/b.md', 'old', 1],
      ['/notes/c.md', 'h1', 2],
    ]);
    expect(await store.searchLexical({ tokens: ['坏'], fieldWeights: weights, limit: 5 })).toEqual([]);
    expect(await store.searchLexical({ tokens: ['丙'], fieldWeights: weights, limit: 5 })).toHaveLength(2);
    expect(await store.searchVectors({ vector: new Float32Array([1, 0]), limit: 10 })).toHaveLength(4);
    expect(await store.replaceDocuments([])).toEqual([]);
  });

  it('records the errors of files that failed before writing with a batch, and with an empty one', async () => {
    const { store } = await fresh();
    const a = documentWith('/notes/a.md', [['甲 问题', '答案']]);
    await store.replaceDocuments([a], [{ path: '/notes/empty.md', code: 'empty_document', message: 'the file is empty' }]);
    await store.replaceDocuments([], [{ path: '/notes/bad.md', code: 'parse_failed', message: 'broken' }]);
    expect((await store.listErrors()).map((error) => [error.path, error.code, error.message])).toEqual([
      ['/notes/bad.md', 'parse_failed', 'broken'],
      ['/notes/empty.md', 'empty_document', 'the file is empty'],
    ]);
    expect((await store.listDocuments()).map((document) => document.path)).toEqual(['/notes/a.md']);
  });

  it('scores vectors by cosine, over all or over the given candidates', async () => {
    const { store } = await fresh();
    const { document, units } = documentWith('/notes/a.md', [
      ['一 问', '答'],
      ['二 问', '答'],
      ['三 问', '答'],
    ]);
    await store.replaceDocument(document, units);
    const all = await store.searchVectors({ vector: new Float32Array([0, 1]), limit: 10 });
    expect(all).toHaveLength(3);
    expect(all[0]?.score).toBeCloseTo(0.8, 5);
    const [best] = await store.getUnits([all[0]?.unitId as number]);
    expect(best?.question).toBe('二 问');
    const others = all.slice(1).map((match) => match.unitId);
    const among = await store.searchVectors({ vector: new Float32Array([0, 1]), limit: 10, among: others });
    expect(among.map((match) => match.unitId).sort()).toEqual([...others].sort());
    expect(among[0]?.score).toBeCloseTo(0, 5);
    expect(await store.searchVectors({ vector: new Float32Array([1, 0, 0]), limit: 10 })).toEqual([]);
    expect(await store.searchVectors({ vector: new Float32Array([1, 0]), limit: 1 })).toHaveLength(1);
  });

  it('reads units by id in the order asked and by question id, key, path and kind', async () => {
    const { store } = await fresh();
    const a = documentWith('/notes/a.md', [
      ['同一 问题', '答 a'],
      ['别的', ''],
    ]);
    const b = documentWith('/notes/b.md', [['同一 问题', '答 b']]);
    (a.units[0] as IndexedUnit).extra = { difficulty: 2 };
    await store.replaceDocument(a.document, a.units);
    await store.replaceDocument(b.document, b.units);
    const all = await store.findUnits({});
    expect(all.map((unit) => `${unit.path}:${unit.lineStart}`)).toEqual(['/notes/a.md:1', '/notes/a.md:4', '/notes/b.md:1']);
    const ids = all.map((unit) => unit.id);
    expect((await store.getUnits([ids[2] as number, 99_999, ids[0] as number])).map((unit) => unit.path)).toEqual(['/notes/b.md', '/notes/a.md']);
    expect((await store.findUnits({ questionKey: '同一问题' })).map((unit) => unit.text)).toEqual(['答 a', '答 b']);
    expect((await store.findUnits({ questionKeys: ['同一问题', '没有这个', '别的'] })).map((unit) => unit.text)).toEqual(['答 a', '', '答 b']);
    expect(await store.findUnits({ questionKeys: [] })).toEqual([]);
    expect(await store.findUnits({ questionId: 'q-/notes/a.md-1' })).toMatchObject([{ question: '别的', text: '' }]);
    expect(await store.findUnits({ path: '/notes/b.md' })).toHaveLength(1);
    expect(await store.findUnits({ kind: 'prose' })).toEqual([]);
    expect((await store.findUnits({ questionId: 'q-/notes/a.md-0' }))[0]?.extra).toEqual({ difficulty: 2 });
    expect((await store.findUnits({}))[0]?.tokenSet.split(' ').sort()).toEqual(['同一', '推理', '答', '问题', 'a'].sort());
    expect(await store.listDocuments()).toMatchObject([{ path: '/notes/a.md', questions: 2, answered: 1 }, { path: '/notes/b.md' }]);
  });

  it('counts document frequencies of many tokens in one call', async () => {
    const { store } = await fresh();
    const { document, units } = documentWith('/notes/a.md', [
      ['kv cache', '一'],
      ['kv 量化', '二'],
    ]);
    await store.replaceDocument(document, units);
    const stats = await store.termStats(['kv', 'cache', 'absent', 'kv']);
    expect(stats.units).toBe(2);
    expect(stats.documentFrequencies).toEqual(
      new Map([
        ['kv', 2],
        ['cache', 1],
      ]),
    );
    // Counts follow every write, including terms asked before (a store may cache them per revision).
    const more = documentWith('/notes/b.md', [['absent cache', '三']]);
    await store.replaceDocument(more.document, more.units);
    const after = await store.termStats(['kv', 'cache', 'absent']);
    expect(after.units).toBe(3);
    expect(after.documentFrequencies).toEqual(
      new Map([
        ['kv', 2],
        ['cache', 2],
        ['absent', 1],
      ]),
    );
    await store.removeDocument('/notes/a.md');
    expect((await store.termStats(['kv', 'cache'])).documentFrequencies).toEqual(new Map([['cache', 1]]));
  });

  it('records the index identity; a new embedder drops the old vectors', async () => {
    const { store } = await fresh();
    expect(await store.identity()).toBeUndefined();
    await store.setIdentity({ embedder: { id: 'e1', dimensions: 2 }, tokenizer: 't1' });
    const { document, units } = documentWith('/notes/a.md', [['问题', '答案']]);
    await store.replaceDocument(document, units);
    expect(await store.identity()).toEqual({ embedder: { id: 'e1', dimensions: 2 }, tokenizer: 't1' });
    await store.setIdentity({ embedder: { id: 'e1', dimensions: 2 }, tokenizer: 't2' });
    expect(await store.searchVectors({ vector: new Float32Array([1, 0]), limit: 5 })).toHaveLength(1);
    await store.setIdentity({ embedder: { id: 'e2', dimensions: 2 }, tokenizer: 't2' });
    expect(await store.identity()).toEqual({ embedder: { id: 'e2', dimensions: 2 }, tokenizer: 't2' });
    expect(await store.searchVectors({ vector: new Float32Array([1, 0]), limit: 5 })).toEqual([]);
    expect(await store.findUnits({})).toHaveLength(1);
  });

  it('keeps meta values and per-file ingest errors', async () => {
    const { store } = await fresh();
    expect(await store.meta('bank_hash')).toBeUndefined();
    await store.setMeta('bank_hash', 'abc');
    await store.setMeta('bank_hash', 'def');
    expect(await store.meta('bank_hash')).toBe('def');
    await store.recordError('/notes/z.pdf', { code: 'parse_failed', message: 'corrupt' });
    await store.recordError('/notes/a.md', { code: 'decode_failed', message: 'bad bytes' });
    expect((await store.listErrors()).map((error) => [error.path, error.code])).toEqual([
      ['/notes/a.md', 'decode_failed'],
      ['/notes/z.pdf', 'parse_failed'],
    ]);
    await store.recordError('/notes/z.pdf', undefined);
    const { document, units } = documentWith('/notes/a.md', [['问题', '答案']]);
    await store.replaceDocument(document, units);
    expect(await store.listErrors()).toEqual([]);
  });

  it('catalogs knowledge bases: create, list, open, remove, with clear errors', async () => {
    const { catalog, store } = await fresh();
    const { document, units } = documentWith('/notes/a.md', [['问题', '答案']]);
    await store.replaceDocument(document, units);
    const other = await catalog.create('other');
    expect(other.kb).toBe('other');
    expect(await catalog.create('other')).toBe(other);
    expect(await catalog.list()).toEqual(['other', 'test']);
    expect(await catalog.exists('test')).toBe(true);
    expect(await (await catalog.open('test')).listDocuments()).toHaveLength(1);
    expect(await other.listDocuments()).toEqual([]);
    await expect(catalog.open('missing')).rejects.toMatchObject({ code: 'not_found' });
    await expect(catalog.create('bad name!')).rejects.toMatchObject({ code: 'usage' });
    await catalog.remove('test');
    expect(await catalog.list()).toEqual(['other']);
    expect(await catalog.exists('test')).toBe(false);
    await expect(catalog.remove('test')).rejects.toMatchObject({ code: 'not_found' });
    expect(await (await catalog.create('test')).listDocuments()).toEqual([]);
  });
});
