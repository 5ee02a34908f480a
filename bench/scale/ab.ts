// Latency of two checkouts in one process, alternating query by query on the same store (same page cache, same machine
// load): the ratio is what to quote on a shared machine. Mode `hybrid` runs the whole pipeline, `lexical` the store's
// bounded MATCH as the bench's lexical row does. Reads the store only.
//   node --import tsx bench/scale/ab.ts <checkout A> <checkout B> <db> <queries.json> [hybrid|lexical] [queries, default 212]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScaleQuery } from './results.js';
import { scaleSearchOptions } from './scale-search.js';

const [rootA, rootB, db, queriesFile, mode = 'hybrid', limit = '212'] = process.argv.slice(2);
if (!rootA || !rootB || !db || !queriesFile || !['hybrid', 'lexical'].includes(mode))
  throw new Error('usage: ab.ts <checkout A> <checkout B> <db> <queries.json> [hybrid|lexical] [queries]');

type Search = (query: string) => Promise<unknown>;

/** One checkout's own modules (its tokenizer, pipeline and store code), opened on the store. */
async function searchOf(root: string): Promise<Search> {
  const from = (path: string) => import(resolve(root, path));
  const [bank, embedders, rerankers, pipeline, queries, tuning, stores, text] = await Promise.all([
    from('src/bank/bank-data.ts'),
    from('src/models/hashed-ngram-embedder.ts'),
    from('src/retrieve/feature-reranker.ts'),
    from('src/retrieve/search-pipeline.ts'),
    from('src/retrieve/query.ts'),
    from('src/retrieve/tuning.ts'),
    from('src/store/sqlite-store.ts'),
    from('src/text/text-tools.ts'),
  ]);
  const index = bank.readBankIndex();
  const tools = text.createTextTools(index.glossary, index.text);
  const store = stores.openSqliteStore(db, 'scale');
  if (mode === 'lexical')
    return (query) =>
      store.searchLexical({ tokens: queries.processQuery(query, tools, { expand: false }).tokens, fieldWeights: tuning.FIELD_WEIGHTS, limit: 50 });
  const dependencies = { stores: [store], tools, embedder: new embedders.HashedNgramEmbedder(tools), reranker: new rerankers.FeatureReranker(tools) };
  const options = scaleSearchOptions;
  return (query) => pipeline.searchKnowledge(query, dependencies, options);
}

const searches = { A: await searchOf(rootA), B: await searchOf(rootB) };
const queries = (JSON.parse(readFileSync(queriesFile, 'utf8')) as ScaleQuery[]).slice(0, Number(limit));
// One warm-up query each: the first pays statement preparation and document-frequency lookups.
for (const search of Object.values(searches)) await search(queries[0]?.query ?? '');
const times: Record<'A' | 'B', number[]> = { A: [], B: [] };
for (const [position, { query }] of queries.entries()) {
  // Who goes first alternates, so neither always finds the pages the other just read.
  for (const name of position % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
    const started = performance.now();
    await searches[name](query);
    times[name].push(performance.now() - started);
  }
}
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))] ?? 0;
for (const name of ['A', 'B'] as const)
  console.log(
    `${name} ${mode}: ${times[name].length} queries, p50 ${quantile(times[name], 0.5).toFixed(1)} ms, p99 ${quantile(times[name], 0.99).toFixed(1)} ms`,
  );
console.log(
  `B / A: p50 ${(quantile(times.B, 0.5) / quantile(times.A, 0.5)).toFixed(2)}, p99 ${(quantile(times.B, 0.99) / quantile(times.A, 0.99)).toFixed(2)}`,
);
