import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../core/types.js';
import { indexUnits } from '../ingest/index-units.js';
import { HashedNgramEmbedder } from '../models/hashed-ngram-embedder.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';
import { createTextTools } from '../text/text-tools.js';
import { FeatureReranker } from './feature-reranker.js';
import { searchKnowledge } from './search-pipeline.js';

const tools = createTextTools([{ en: 'key-value cache', abbr: ['KV cache'], zh: ['键值缓存'], aliases: ['kvcache'] }]);
const embedder = new HashedNgramEmbedder(tools);
const stores: SqliteStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.closeNow();
});

async function storeWith(questions: [string, string][]): Promise<SqliteStore> {
  const store = openSqliteStore(':memory:', 'notes');
  stores.push(store);
  await store.setIdentity({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'test' });
  const units = questions.map(([question, text], index) => ({
    kind: 'qa' as const,
    question,
    text,
    topic: ['推理'],
    lineStart: index * 3 + 1,
    lineEnd: index * 3 + 2,
  }));
  const document: ParsedDocument = { path: '/notes/a.md', format: 'markdown', contentHash: 'h', bytes: 1, title: undefined, units };
  const indexed = indexUnits(document, tools.tokenize);
  const vectors = await embedder.embed(units.map((unit) => `${unit.question}\n${unit.text}`));
  indexed.forEach((unit, index) => {
    unit.vector = vectors[index];
  });
  await store.replaceDocument(document, indexed);
  return store;
}

const options = { top: 3, candidates: 20, rrfK: 60, lexicalWeight: 1, vectorWeight: 1, expand: true, rerank: true };
const notes: [string, string][] = [
  ['键值缓存为什么能加速解码?', '缓存历史 token 的 K 和 V,每步只算新 token。'],
  ['LoRA 的 B 为什么初始化为 0?', '让训练开始时增量为 0。'],
  ['什么是梯度检查点?', '用重算换显存。'],
];

describe('search pipeline', () => {
  it('finds a question through its glossary synonym and explains every stage', async () => {
    const store = await storeWith(notes);
    const result = await searchKnowledge('KV cache 为什么能加速', { stores: [store], tools, embedder, reranker: new FeatureReranker(tools) }, options);
    expect(result.hits[0]?.question).toBe('键值缓存为什么能加速解码?');
    expect(result.hits[0]).toMatchObject({ rank: 1, kb: 'notes', path: '/notes/a.md', line: 1 });
    const top = result.trace.find((entry) => entry.finalRank === 1);
    expect(Object.keys(top?.ranks ?? {})).toEqual(expect.arrayContaining(['bm25+glossary', 'vector']));
    expect(result.evidence).toBeGreaterThan(0.3);
  });

  it('rescores lexical candidates instead of scanning every vector in a large store, with the same answer', async () => {
    const store = await storeWith(notes);
    const exact = await searchKnowledge('键值缓存 加速', { stores: [store], tools, embedder }, { ...options, rerank: false });
    const bounded = await searchKnowledge('键值缓存 加速', { stores: [store], tools, embedder }, { ...options, rerank: false, exactVectorLimit: 0 });
    expect(bounded.hits[0]?.question).toBe(exact.hits[0]?.question);
    expect(bounded.trace.some((entry) => entry.ranks.vector !== undefined)).toBe(true);
  });

  it('in a large search, ranks a unit whose body discusses the query above a heading that only repeats it', async () => {
    const store = await storeWith([
      ['键值缓存为什么能加速解码?', '混合精度训练用 FP16 计算、FP32 保存主权重。'],
      ['解码为什么快?', '键值缓存保存历史 token 的 K 和 V,每步解码只算新 token,所以能加速。'],
    ]);
    const query = '键值缓存为什么能加速解码';
    const small = await searchKnowledge(query, { stores: [store], tools, embedder, reranker: new FeatureReranker(tools) }, options);
    expect(small.hits[0]?.question).toBe('键值缓存为什么能加速解码?');
    const large = await searchKnowledge(query, { stores: [store], tools, embedder, reranker: new FeatureReranker(tools) }, { ...options, largeSearchUnits: 0 });
    expect(large.hits[0]?.question).toBe('解码为什么快?');
    expect(large.trace[0]?.features.bodyCoverage).toBeGreaterThan(large.trace[1]?.features.bodyCoverage ?? 1);
  });

  it('in a large search, ranks a body written about one subject above sentences stitched from unrelated ones', async () => {
    const store = await storeWith([
      ['键值缓存有什么用?', 'LoRA 的 B 矩阵初始化为零。混合精度训练用 FP16 计算。键值缓存可以加速推理。'],
      ['键值缓存的作用?', '键值缓存保存历史 token 的 K 和 V。每步解码时直接复用键值缓存。所以解码只需计算新 token。'],
    ]);
    const query = '键值缓存有什么用';
    const dependencies = { stores: [store], tools, embedder, reranker: new FeatureReranker(tools) };
    const small = await searchKnowledge(query, dependencies, options);
    expect(small.hits[0]?.question).toBe('键值缓存有什么用?');
    const large = await searchKnowledge(query, dependencies, { ...options, largeSearchUnits: 0 });
    expect(large.hits[0]?.question).toBe('键值缓存的作用?');
    expect(large.trace.map((entry) => entry.cohesion)).toEqual([1, 0]);
  });

  it('returns nothing and zero evidence for a query the notes do not cover', async () => {
    const store = await storeWith(notes);
    const result = await searchKnowledge('红烧肉做法', { stores: [store], tools, embedder, reranker: new FeatureReranker(tools) }, options);
    expect(result.evidence).toBeLessThan(0.1);
  });
});
