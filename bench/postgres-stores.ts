// Store part of the bench: SQLite files and PostgreSQL (a throwaway local cluster) side by side in one run, on the
// same synthetic units (bench/scale/synth.ts) at each size (default 10k and 100k): ingest rate (store writes only,
// 1,000-unit documents), lexical search (store.searchLexical, top 50) and hybrid search (the full retrieval
// pipeline: BM25 as typed and expanded + vectors + fusion + rerank) p50/p99 over the labelled queries.
// Run: npx tsx bench/postgres-stores.ts [sizes, e.g. 10000,100000]  -> bench/results/postgres-stores.json
// BENCH_OUT=name writes bench/results/<name>.{json,md} instead (before/after runs side by side).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBank, readBankIndex } from '../src/bank/bank-data.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { percentile } from '../src/eval/metrics.js';
import { HashedNgramEmbedder } from '../src/models/hashed-ngram-embedder.js';
import { FeatureReranker } from '../src/retrieve/feature-reranker.js';
import { processQuery } from '../src/retrieve/query.js';
import { searchKnowledge } from '../src/retrieve/search-pipeline.js';
import type { KbCatalog } from '../src/store/kb-catalog.js';
import { createPostgresKbCatalog } from '../src/store/postgres/postgres-kb-catalog.js';
import { createSqliteKbCatalog } from '../src/store/sqlite-kb-catalog.js';
import type { Store } from '../src/store/store.js';
import { createTextTools } from '../src/text/text-tools.js';
import { startPgCluster } from '../test/support/pg-cluster.js';
import { synthBatch, synthVocabulary } from './scale/synth.js';

const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
/** Wall-clock budget per latency series (the machine may be shared: p99 needs >= 100 queries, we stop earlier). */
const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? 60_000);
const batchSize = 1000;
const outName = process.env.BENCH_OUT ?? 'postgres-stores';

const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const embedder = new HashedNgramEmbedder(tools);
const reranker = new FeatureReranker(tools);
const vocabulary = synthVocabulary(
  readBank().bank.questions,
  index.glossary.flatMap((term) => [term.en, ...term.abbr, ...term.zh]),
);
const queries = readEvalSet(join(import.meta.dirname, '..', 'test', 'fixtures', 'eval', 'retrieval-set.jsonl')).map((line) => line.query);
const cluster = await startPgCluster('bench');
const home = mkdtempSync(join(tmpdir(), 'mianba-bench-stores-'));
const backends: { name: 'sqlite' | 'postgres'; catalog: KbCatalog; store?: Store; writeMs: number }[] = [
  { name: 'sqlite', catalog: createSqliteKbCatalog({ home }), writeMs: 0 },
  { name: 'postgres', catalog: createPostgresKbCatalog({ url: cluster.url }), writeMs: 0 },
];
const results: Record<string, unknown>[] = [];
try {
  for (const backend of backends) {
    backend.store = await backend.catalog.create('bench');
    await backend.store.setIdentity({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'bench' });
  }
  let units = 0;
  for (const size of sizes) {
    // Grow every store to `size` units with the same batches (generated once, written to each store in turn).
    for (let batch = units / batchSize; units < size; batch++) {
      const { document, units: batchUnits } = await synthBatch(vocabulary, { seed: 1, batch, size: batchSize }, tools.tokenize, embedder);
      for (const backend of backends) {
        const started = performance.now();
        await backend.store?.replaceDocument(document, batchUnits);
        backend.writeMs += performance.now() - started;
      }
      units += batchSize;
      if (units % 10_000 === 0) process.stderr.write(`  ${units} units\n`);
    }
    for (const backend of backends) {
      const store = backend.store as Store;
      const lexical = await timed(`${backend.name} ${size} lexical`, async (text) => {
        await store.searchLexical({
          tokens: processQuery(text, tools, { expand: false }).tokens,
          fieldWeights: { question: 4, text: 1, topic: 1.5 },
          limit: 50,
        });
      });
      const hybrid = await timed(`${backend.name} ${size} hybrid`, async (text) => {
        await searchKnowledge(
          text,
          { stores: [store], tools, embedder, reranker },
          { top: 10, candidates: 50, rrfK: 60, lexicalWeight: 1, vectorWeight: 1, expand: true, rerank: true },
        );
      });
      results.push({ store: backend.name, units: size, ingestUnitsPerSecond: Math.round(size / (backend.writeMs / 1000)), lexical, hybrid });
    }
  }
  const table = [
    '| store | units | ingest (units/s, writes only) | lexical p50 / p99 ms | hybrid p50 / p99 ms |',
    '| --- | --- | --- | --- | --- |',
    ...results.map((row) => {
      const r = row as { store: string; units: number; ingestUnitsPerSecond: number; lexical: Latency; hybrid: Latency };
      return `| ${r.store} | ${r.units} | ${r.ingestUnitsPerSecond} | ${r.lexical.p50Ms.toFixed(1)} / ${r.lexical.p99Ms.toFixed(1)} | ${r.hybrid.p50Ms.toFixed(1)} / ${r.hybrid.p99Ms.toFixed(1)} |`;
    }),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  writeFileSync(join(import.meta.dirname, 'results', `${outName}.json`), `${JSON.stringify({ sizes, budgetMs, results }, null, 2)}\n`);
  writeFileSync(join(import.meta.dirname, 'results', `${outName}.md`), `${table}\n`);
} finally {
  for (const backend of backends) await backend.catalog.close();
  cluster.stop();
  rmSync(home, { recursive: true, force: true });
}

interface Latency {
  queries: number;
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** p50/p99 over the labelled queries; the first query is timed apart (it loads caches such as the vector matrix). */
async function timed(label: string, run: (text: string) => Promise<void>): Promise<Latency> {
  const firstStarted = performance.now();
  await run(queries[0] ?? '');
  const firstMs = performance.now() - firstStarted;
  const latencies: number[] = [];
  const started = performance.now();
  for (const text of queries) {
    if (latencies.length >= 20 && performance.now() - started > budgetMs) break;
    const begin = performance.now();
    await run(text);
    latencies.push(performance.now() - begin);
  }
  process.stderr.write(`  ${label}: ${latencies.length} queries, p50 ${percentile(latencies, 0.5).toFixed(1)} ms\n`);
  return { queries: latencies.length, firstMs, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}
