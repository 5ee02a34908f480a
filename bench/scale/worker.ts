// Child process of the scale bench, one step per process so memory peaks are per step:
//   ingest <db> <chunks> <seed> <queries.json>  the bank's questions (planted answers) + synthetic chunks made of the
//                                           other questions' sentences -> SqliteStore.replaceDocument
//   query  <db> <queries.json> <budgetMs>   lexical / hybrid latency, Hit@5 on the planted answers, the process's
//                                           memory peak, then (last, so its matrix does not count) the full vector scan
//   ivf    <db> <queries.json>              in-memory exact scan and an IVF prototype (recall and latency)
// Prints one line "RESULT <json>" on stdout; progress goes to stderr.
import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { readBank, readBankIndex } from '../../src/bank/bank-data.js';
import { bankDocuments } from '../../src/bank/bank-to-units.js';
import { mean, percentile } from '../../src/eval/metrics.js';
import { embeddingText } from '../../src/ingest/index-units.js';
import { HashedNgramEmbedder } from '../../src/models/hashed-ngram-embedder.js';
import { FeatureReranker } from '../../src/retrieve/feature-reranker.js';
import { processQuery } from '../../src/retrieve/query.js';
import { searchKnowledge } from '../../src/retrieve/search-pipeline.js';
import { FIELD_WEIGHTS } from '../../src/retrieve/tuning.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createTextTools } from '../../src/text/text-tools.js';
import { runIvfProbe } from './ivf-probe.js';
import {
  type HalfQuality,
  type IngestResult,
  type IvfResult,
  isTuningQuery,
  type LatencyResult,
  type QualityResult,
  type QueryResult,
  type ScaleQuery,
} from './results.js';
import { scaleSearchOptions } from './scale-search.js';
import { synthBatch, synthVocabulary } from './synth.js';

const batchSize = 1000;
const [mode, db, ...rest] = process.argv.slice(2);
if (!mode || !db) throw new Error('usage: worker.ts ingest|query|ivf <db> ...');
const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const embedder = new HashedNgramEmbedder(tools);

if (mode === 'ingest') await ingest(db, Number(rest[0]), Number(rest[1] ?? 1), rest[2] ? (JSON.parse(readFileSync(rest[2], 'utf8')) as ScaleQuery[]) : []);
else if (mode === 'query') await query(db, JSON.parse(readFileSync(rest[0] ?? '', 'utf8')) as ScaleQuery[], Number(rest[1] ?? 60_000));
else if (mode === 'ivf')
  report(
    runIvfProbe(
      openSqliteStore(db, 'scale'),
      embedder,
      (JSON.parse(readFileSync(rest[0] ?? '', 'utf8')) as ScaleQuery[]).map((entry) => entry.query),
    ) satisfies IvfResult,
  );
else throw new Error(`unknown mode ${mode}`);

async function ingest(file: string, chunks: number, seed: number, queries: ScaleQuery[]): Promise<void> {
  const store = openSqliteStore(file, 'scale');
  await store.setIdentity({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, tokenizer: 'bench' });
  const bank = readBank();
  // The bank's own questions are planted first: the labelled queries' answers, to be found among the synthetic ones,
  // which never reuse a sentence of a labelled answer (else every size adds copies of the answer itself).
  let planted = 0;
  for (const { document, units } of bankDocuments(bank.bank.questions, tools.tokenize, bank.hash)) {
    const vectors = await embedder.embed(units.map((unit) => embeddingText({ ...unit.unit, questionEn: unit.questionEn })));
    units.forEach((unit, index) => {
      unit.vector = vectors[index];
    });
    await store.replaceDocument(document, units);
    planted += units.length;
  }
  const vocabulary = synthVocabulary(
    bank.bank.questions,
    index.glossary.flatMap((term) => [term.en, ...term.abbr, ...term.zh]),
    new Set(queries.flatMap((entry) => entry.relevant)),
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
  report({
    chunks,
    planted,
    ingestMs,
    ...totals,
    units: counts.units,
    dbBytes: sizeOf(file) + sizeOf(`${file}-wal`),
    maxRssMb: maxRssMb(),
  } satisfies IngestResult);
}

async function query(file: string, queries: ScaleQuery[], budgetMs: number): Promise<void> {
  const store = openSqliteStore(file, 'scale');
  // The peer: FTS5 alone, bm25() over every query token, on its own connection to the same file.
  const plain = new Database(file, { readonly: true });
  const plainSearch = plain.prepare('SELECT rowid AS unitId FROM units_fts WHERE units_fts MATCH ? ORDER BY bm25(units_fts, 4, 1, 1.5) LIMIT 50');
  const reranker = new FeatureReranker(tools);
  const rssAfterOpenMb = process.memoryUsage().rss / 2 ** 20;
  let heapPeakMb = 0;
  const sample = () => {
    heapPeakMb = Math.max(heapPeakMb, process.memoryUsage().heapUsed / 2 ** 20);
  };
  // Phases given together run in turn on each query (peer and product alternate, so neither gets a warmer cache).
  type Run = (entry: ScaleQuery) => Promise<unknown> | unknown;
  const timedTogether = async (phases: [string, Run][]): Promise<LatencyResult[]> => {
    // The first query is timed apart: it pays one-time costs (e.g. loading the store's vector matrix).
    const firstMs: number[] = [];
    for (const [, run] of phases) {
      const firstStarted = performance.now();
      await run(queries[0] ?? { query: '', relevant: [] });
      firstMs.push(performance.now() - firstStarted);
    }
    const latencies: number[][] = phases.map(() => []);
    const started = performance.now();
    for (const entry of queries) {
      if ((latencies[0]?.length ?? 0) >= 5 && performance.now() - started > budgetMs * phases.length) break;
      for (const [index, [, run]] of phases.entries()) {
        const begin = performance.now();
        await run(entry);
        latencies[index]?.push(performance.now() - begin);
      }
      sample();
    }
    return phases.map(([label], index) => {
      const times = latencies[index] ?? [];
      process.stderr.write(`  ${label}: ${times.length} queries, p50 ${percentile(times, 0.5).toFixed(1)} ms\n`);
      return { queries: times.length, firstMs: firstMs[index], p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), meanMs: mean(times) };
    });
  };
  const timed = async (label: string, run: Run): Promise<LatencyResult> => (await timedTogether([[label, run]]))[0] as LatencyResult;
  const processed = new Map(queries.map(({ query }) => [query, processQuery(query, tools, { expand: false })]));
  const vectors = new Map(queries.map(({ query }) => [query, embedder.embedOne(processQuery(query, tools).normalized)]));
  const tokensOf = (entry: ScaleQuery) => processed.get(entry.query)?.tokens ?? [];
  const [fts5, lexical] = (await timedTogether([
    [
      'fts5 alone',
      (entry) => {
        const terms = [...new Set(tokensOf(entry))].filter(Boolean);
        return terms.length > 0 ? plainSearch.all(terms.map((token) => `"${token.replaceAll('"', '""')}"`).join(' OR ')) : [];
      },
    ],
    ['lexical', (entry) => store.searchLexical({ tokens: tokensOf(entry), fieldWeights: FIELD_WEIGHTS, limit: 50 })],
  ])) as [LatencyResult, LatencyResult];
  const options = scaleSearchOptions;
  const hybridQuality = createHitCounter(queries);
  const hybrid = await timed('hybrid', async (entry) =>
    hybridQuality.add(entry, await searchKnowledge(entry.query, { stores: [store], tools, embedder, reranker }, options)),
  );
  const noVectorQuality = createHitCounter(queries);
  const lexicalOnly = await timed('pipeline-no-vector', async (entry) =>
    noVectorQuality.add(entry, await searchKnowledge(entry.query, { stores: [store], tools, reranker }, options)),
  );
  // Everything the search path needs has run: its memory peak, before the full vector scan loads every vector.
  const searchMaxRssMb = maxRssMb();
  const vector = await timed('vector', (entry) =>
    store.searchVectors({ vector: vectors.get(entry.query) ?? new Float32Array(embedder.dimensions), limit: 50 }),
  );
  plain.close();
  await store.close();
  report({
    fts5,
    lexical,
    vector,
    hybrid,
    lexicalOnly,
    quality: { hybrid: hybridQuality.result(), lexicalOnly: noVectorQuality.result() },
    rssAfterOpenMb,
    searchMaxRssMb,
    maxRssMb: maxRssMb(),
    heapPeakMb,
  } satisfies QueryResult);
}

/**
 * Hit@5 and MRR@10 on queries with labelled answers, overall and per half of the query list (tuning = odd positions,
 * held out = even ones); each query counts once.
 */
function createHitCounter(queries: ScaleQuery[]) {
  const positions = new Map(queries.map((entry, position) => [entry.query, position]));
  const seen = new Set<string>();
  const ranks: { rank: number | undefined; tuning: boolean }[] = [];
  const hitAt5 = (list: typeof ranks) => (list.length > 0 ? list.filter(({ rank }) => rank !== undefined && rank <= 5).length / list.length : 0);
  const half = (tuning: boolean): HalfQuality => {
    const list = ranks.filter((entry) => entry.tuning === tuning);
    return { queries: list.length, hitAt5: hitAt5(list) };
  };
  return {
    add(entry: ScaleQuery, result: { hits: { questionId: string | null; path: string }[] }) {
      if (entry.relevant.length === 0 || seen.has(entry.query)) return;
      seen.add(entry.query);
      const at = result.hits.findIndex((hit) => entry.relevant.some((id) => hit.questionId === id || hit.path.endsWith(id)));
      ranks.push({ rank: at >= 0 ? at + 1 : undefined, tuning: isTuningQuery(positions.get(entry.query) ?? 0) });
    },
    result: (): QualityResult => ({
      queries: ranks.length,
      hitAt5: hitAt5(ranks),
      mrrAt10: mean(ranks.map(({ rank }) => (rank !== undefined && rank <= 10 ? 1 / rank : 0))),
      tuning: half(true),
      heldOut: half(false),
    }),
  };
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function report(result: object): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}
