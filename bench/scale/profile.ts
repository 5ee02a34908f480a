// Where a hybrid query's time goes in a scale store: each Store method is timed through a wrapper, the rest of
// searchKnowledge (query processing, embedding, fusion, evidence features, rerank, merge) is what remains.
//   node --import tsx bench/scale/profile.ts <db> <queries.json> [queries to run, default 120]
import { readFileSync } from 'node:fs';
import { percentile } from '../../src/eval/metrics.js';
import { searchKnowledge } from '../../src/retrieve/search-pipeline.js';
import type { Store } from '../../src/store/store.js';
import type { ScaleQuery } from './results.js';
import { openScaleSearch, scaleSearchOptions } from './scale-search.js';

const [db, queriesFile, limit = '120'] = process.argv.slice(2);
if (!db || !queriesFile) throw new Error('usage: profile.ts <db> <queries.json> [queries]');
const { tools, embedder, reranker, store } = openScaleSearch(db);
const spent = new Map<string, number>();
const timedStore = new Proxy(store, {
  get(target, property, receiver) {
    const value = Reflect.get(target, property, receiver);
    if (typeof value !== 'function' || typeof property !== 'string') return value;
    // SqliteStore works synchronously inside its async methods: the time until the call returns its promise is the
    // method's own (awaiting would also count the other lists of a Promise.all).
    return (...args: unknown[]) => {
      const started = performance.now();
      const result = (value as (...inner: unknown[]) => unknown).apply(target, args);
      spent.set(property, (spent.get(property) ?? 0) + performance.now() - started);
      return result;
    };
  },
}) as Store;
const queries = (JSON.parse(readFileSync(queriesFile, 'utf8')) as ScaleQuery[]).slice(0, Number(limit));
const options = scaleSearchOptions;
// One warm-up query: the first pays the document-frequency lookups and statement preparation.
await searchKnowledge(queries[0]?.query ?? '', { stores: [timedStore], tools, embedder, reranker }, options);
spent.clear();
const totals: number[] = [];
for (const { query } of queries) {
  const started = performance.now();
  await searchKnowledge(query, { stores: [timedStore], tools, embedder, reranker }, options);
  totals.push(performance.now() - started);
}
const total = totals.reduce((sum, ms) => sum + ms, 0);
const inStore = [...spent.values()].reduce((sum, ms) => sum + ms, 0);
console.log(`${queries.length} hybrid queries: p50 ${percentile(totals, 0.5).toFixed(1)} ms, mean ${(total / queries.length).toFixed(1)} ms`);
for (const [method, ms] of [...spent].sort((a, b) => b[1] - a[1])) console.log(`  ${method.padEnd(14)} ${(ms / queries.length).toFixed(1)} ms`);
console.log(`  ${'outside store'.padEnd(14)} ${((total - inStore) / queries.length).toFixed(1)} ms`);
await store.close();
