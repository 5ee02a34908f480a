// Where a hybrid search's time goes on each store: grows a SQLite and a PostgreSQL store to N synthetic units (as
// bench/postgres-stores.ts does), runs the labelled queries through the pipeline with every Store method timed.
// Run: npx tsx bench/postgres-search-profile.ts [units]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBank, readBankIndex } from '../src/bank/bank-data.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { HashedNgramEmbedder } from '../src/models/hashed-ngram-embedder.js';
import { FeatureReranker } from '../src/retrieve/feature-reranker.js';
import { searchKnowledge } from '../src/retrieve/search-pipeline.js';
import { createPostgresKbCatalog } from '../src/store/postgres/postgres-kb-catalog.js';
import { createSqliteKbCatalog } from '../src/store/sqlite-kb-catalog.js';
import type { Store } from '../src/store/store.js';
import { createTextTools } from '../src/text/text-tools.js';
import { startPgCluster } from '../test/support/pg-cluster.js';
import { synthBatch, synthVocabulary } from './scale/synth.js';

const total = Number(process.argv[2] ?? 10_000);
const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const embedder = new HashedNgramEmbedder(tools);
const reranker = new FeatureReranker(tools);
const vocabulary = synthVocabulary(
  readBank().bank.questions,
  index.glossary.flatMap((term) => [term.en, ...term.abbr, ...term.zh]),
);
const queries = readEvalSet(join(import.meta.dirname, '..', 'test', 'fixtures', 'eval', 'retrieval-set.jsonl')).map((line) => line.query);
const cluster = await startPgCluster('search-profile');
const home = mkdtempSync(join(tmpdir(), 'mianba-search-profile-'));
const catalogs = [
  { name: 'sqlite', catalog: createSqliteKbCatalog({ home }) },
  { name: 'postgres', catalog: createPostgresKbCatalog({ url: cluster.url }) },
];
try {
  const stores: { name: string; store: Store }[] = [];
  for (const { name, catalog } of catalogs) {
    const store = await catalog.create('profile');
    await store.setIdentity({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'bench' });
    stores.push({ name, store });
  }
  for (let batch = 0; batch * 1000 < total; batch++) {
    const { document, units } = await synthBatch(vocabulary, { seed: 1, batch, size: 1000 }, tools.tokenize, embedder);
    for (const { store } of stores) await store.replaceDocument(document, units);
  }
  for (const { name, store } of stores) {
    const timings = new Map<string, { calls: number; ms: number }>();
    const timed = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await value.apply(target, args);
          } finally {
            const entry = timings.get(String(property)) ?? { calls: 0, ms: 0 };
            entry.calls++;
            entry.ms += performance.now() - started;
            timings.set(String(property), entry);
          }
        };
      },
    });
    const sample = queries.slice(0, 100);
    await searchKnowledge(sample[0] ?? '', { stores: [timed], tools, embedder, reranker }, options());
    timings.clear();
    const started = performance.now();
    for (const text of sample) await searchKnowledge(text, { stores: [timed], tools, embedder, reranker }, options());
    const wall = (performance.now() - started) / sample.length;
    process.stdout.write(`${name}: ${wall.toFixed(1)} ms per query\n`);
    for (const [method, entry] of [...timings].sort((a, b) => b[1].ms - a[1].ms))
      process.stdout.write(`  ${method.padEnd(14)} ${(entry.calls / sample.length).toFixed(1)} calls  ${(entry.ms / sample.length).toFixed(1)} ms per query\n`);
  }
} finally {
  for (const { catalog } of catalogs) await catalog.close();
  cluster.stop();
  rmSync(home, { recursive: true, force: true });
}

function options() {
  return { top: 10, candidates: 50, rrfK: 60, lexicalWeight: 1, vectorWeight: 1, expand: true, rerank: true };
}
