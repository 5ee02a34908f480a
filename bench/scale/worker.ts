// Child process of the scale bench, one step per process so memory peaks are per step:
//   ingest <db> <chunks> <seed>             synthetic chunks -> SqliteStore.replaceDocument in batches of 1000
//   query  <db> <queries.json> <budgetMs>   lexical / vector / hybrid latency and the process's memory peak
//   ivf    <db> <queries.json>              in-memory exact scan and an IVF prototype (recall and latency)
// Prints one line "RESULT <json>" on stdout; progress goes to stderr.
import { readFileSync, statSync } from 'node:fs';
import { readBank, readBankIndex } from '../../src/bank/bank-data.js';
import { mean, percentile } from '../../src/eval/metrics.js';
import { HashedNgramEmbedder } from '../../src/models/hashed-ngram-embedder.js';
import { FeatureReranker } from '../../src/retrieve/feature-reranker.js';
import { processQuery } from '../../src/retrieve/query.js';
import { searchKnowledge } from '../../src/retrieve/search-pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createTextTools } from '../../src/text/text-tools.js';
import { runIvfProbe } from './ivf-probe.js';
import type { IngestResult, IvfResult, LatencyResult, QueryResult } from './results.js';
import { synthBatch, synthVocabulary } from './synth.js';

const batchSize = 1000;
const [mode, db, ...rest] = process.argv.slice(2);
if (!mode || !db) throw new Error('usage: worker.ts ingest|query|ivf <db> ...');
const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const embedder = new HashedNgramEmbedder(tools);

if (mode === 'ingest') await ingest(db, Number(rest[0]), Number(rest[1] ?? 1));
else if (mode === 'query') await query(db, JSON.parse(readFileSync(rest[0] ?? '', 'utf8')) as string[], Number(rest[1] ?? 60_000));
else if (mode === 'ivf')
  report(runIvfProbe(openSqliteStore(db, 'scale'), embedder, JSON.parse(readFileSync(rest[0] ?? '', 'utf8')) as string[]) satisfies IvfResult);
else throw new Error(`unknown mode ${mode}`);

async function ingest(file: string, chunks: number, seed: number): Promise<void> {
  const store = openSqliteStore(file, 'scale');
  await store.setIdentity({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'bench' });
  const vocabulary = synthVocabulary(
    readBank().bank.questions,
    index.glossary.flatMap((term) => [term.en, ...term.abbr, ...term.zh]),
  );
  const totals = { generateMs: 0, tokenizeMs: 0, embedMs: 0, writeMs: 0, bytes: 0 };
  const started = performance.now();
  for (let batch = 0; batch * batchSize < chunks; batch++) {
    const size = Math.min(batchSize, chunks - batch * batchSize);
    const { document, units, timings } = await synthBatch(vocabulary, { seed, batch, size }, tools.tokenize, embedder);
    const writeStarted = performance.now();
    await store.replaceDocument(document, units);
    totals.writeMs += performance.now() - writeStarted;
    totals.generateMs += timings.generateMs;
    totals.tokenizeMs += timings.tokenizeMs;
    totals.embedMs += timings.embedMs;
    totals.bytes += document.bytes;
    if (batch % 20 === 19) process.stderr.write(`  ingest ${(batch + 1) * batchSize}/${chunks} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const ingestMs = performance.now() - started;
  const counts = { units: (await store.termStats([])).units };
  await store.close();
  const sizeOf = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  report({ chunks, ingestMs, ...totals, units: counts.units, dbBytes: sizeOf(file) + sizeOf(`${file}-wal`), maxRssMb: maxRssMb() } satisfies IngestResult);
}

async function query(file: string, queries: string[], budgetMs: number): Promise<void> {
  const store = openSqliteStore(file, 'scale');
  const reranker = new FeatureReranker(tools);
  const rssAfterOpenMb = process.memoryUsage().rss / 2 ** 20;
  let heapPeakMb = 0;
  const sample = () => {
    heapPeakMb = Math.max(heapPeakMb, process.memoryUsage().heapUsed / 2 ** 20);
  };
  const timed = async (label: string, run: (text: string) => Promise<unknown> | unknown): Promise<LatencyResult> => {
    // The first query is timed apart: it pays one-time costs (e.g. loading the store's vector matrix).
    const firstStarted = performance.now();
    await run(queries[0] ?? '');
    const firstMs = performance.now() - firstStarted;
    const latencies: number[] = [];
    const started = performance.now();
    for (const text of queries) {
      if (latencies.length >= 5 && performance.now() - started > budgetMs) break;
      const begin = performance.now();
      await run(text);
      latencies.push(performance.now() - begin);
      sample();
    }
    process.stderr.write(`  ${label}: ${latencies.length} queries, p50 ${percentile(latencies, 0.5).toFixed(1)} ms\n`);
    return { queries: latencies.length, firstMs, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), meanMs: mean(latencies) };
  };
  const processed = new Map(queries.map((text) => [text, processQuery(text, tools, { expand: false })]));
  const vectors = new Map(queries.map((text) => [text, embedder.embedOne(processQuery(text, tools).normalized)]));
  const lexical = await timed('lexical', (text) =>
    store.searchLexical({ tokens: processed.get(text)?.tokens ?? [], fieldWeights: { question: 4, text: 1, topic: 1.5 }, limit: 50 }),
  );
  const vector = await timed('vector', (text) => store.searchVectors({ vector: vectors.get(text) ?? new Float32Array(embedder.dimensions), limit: 50 }));
  const options = { top: 10, candidates: 50, rrfK: 60, lexicalWeight: 1, vectorWeight: 1, expand: true, rerank: true };
  const hybrid = await timed('hybrid', (text) => searchKnowledge(text, { stores: [store], tools, embedder, reranker }, options));
  const lexicalOnly = await timed('pipeline-no-vector', (text) => searchKnowledge(text, { stores: [store], tools, reranker }, options));
  await store.close();
  report({ lexical, vector, hybrid, lexicalOnly, rssAfterOpenMb, maxRssMb: maxRssMb(), heapPeakMb } satisfies QueryResult);
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function report(result: object): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}
