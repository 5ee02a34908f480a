// The scale part of bench/results/summary.md: issue 16 item 1 (targets at the largest size, Hit@5 on planted answers
// per size, FTS5-alone as the peer of the same run), then the per-size tables, the IVF probe and the latency chart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from '../machine.js';
import type { runScale, StepOutcome } from '../scale.js';
import { formatCount, formatMs, renderAsciiChart, renderScaleSvg, type Series } from '../scale-chart.js';
import type { IngestResult, IvfResult, QualityResult, QueryResult } from './results.js';

export type ScaleFile = ReturnType<typeof runScale> & { durationS?: number };

/** Issue 16 item 1, at 1M units. */
const targets = { lexicalP50Ms: 50, lexicalP99Ms: 200, hybridP50Ms: 150, searchRssMb: 1024 };

interface Row {
  chunks: number;
  ingest: IngestResult | undefined;
  query: QueryResult | undefined;
  ivf: IvfResult | undefined;
  run: ScaleFile['runs'][number];
}

export function scaleSection(result: ScaleFile, title: string, svgFile: string, machineLine: string): string[] {
  const rows: Row[] = result.runs.map((run) => ({
    chunks: run.chunks,
    ingest: resultOf<IngestResult>(run.ingest),
    query: resultOf<QueryResult>(run.query),
    ivf: resultOf<IvfResult>(run.ivf),
    run,
  }));
  rows.sort((a, b) => a.chunks - b.chunks);
  const series = chartSeries(rows);
  writeFileSync(join(resultsDir, svgFile), renderScaleSvg(`mianba query latency vs knowledge-base size (${title.split(',')[0]})`, series));
  return [
    `## Scale: ${title}`,
    '',
    machineLine,
    '',
    'Synthetic chunks recombined from the bank (its ~360 answers and questions: a far smaller vocabulary than real notes, so FTS5 doclists',
    'are longer than in a real corpus of the same size), ingested through SqliteStore.replaceDocument in documents of 1000 units, after the',
    "bank's own questions (the planted answers of the labelled queries, test/fixtures/eval/retrieval-set.jsonl).",
    '"FTS5 alone" = the peer: bm25() over every query token, ORDER BY rank LIMIT 50, on its own connection; "lexical" = store.searchLexical',
    'with every query token; "hybrid" = the default pipeline (searchKnowledge: BM25 lists, vectors, RRF, rerank, duplicate merge);',
    '"no vector" = the same pipeline without an embedder. "search RSS" = the query process peak (getrusage maxRSS) after those phases;',
    '"vector scan" = an exhaustive scan of every stored vector, run last (its matrix is what "RSS incl. scan" adds).',
    '',
    ...targetLines(rows),
    table(
      [
        'chunks',
        'FTS5 alone p50/p99',
        'lexical p50/p99',
        'lexical / FTS5 (p50)',
        'hybrid p50/p99',
        'no vector p50/p99',
        'Hit@5 hybrid / no vector',
        'Hit@5 hybrid tuning / held-out',
        'MRR@10 hybrid',
        'search RSS MB',
        'vector scan p50 (first)',
        'RSS incl. scan MB',
        'notes',
      ],
      rows.map(({ chunks, query, run }) => [
        formatCount(chunks),
        latency(query?.fts5),
        latency(query?.lexical),
        query?.fts5 ? `${(query.lexical.p50Ms / query.fts5.p50Ms).toFixed(2)}x` : '-',
        latency(query?.hybrid),
        latency(query?.lexicalOnly),
        query?.quality ? `${fixed(query.quality.hybrid.hitAt5)} / ${fixed(query.quality.lexicalOnly.hitAt5)}` : '-',
        halves(query?.quality?.hybrid),
        query?.quality ? fixed(query.quality.hybrid.mrrAt10) : '-',
        query?.searchMaxRssMb !== undefined ? query.searchMaxRssMb.toFixed(0) : '-',
        query ? `${formatMs(query.vector.p50Ms)} (${query.vector.firstMs !== undefined ? formatMs(query.vector.firstMs) : '-'})` : '-',
        query ? query.maxRssMb.toFixed(0) : '-',
        notes(run, query),
      ]),
    ),
    '',
    table(
      ['chunks', 'planted', 'ingest', 'chunks/s', 'tokenize / embed / write s', 'DB MB', 'ingest RSS MB', 'query heap peak MB'],
      rows.map(({ chunks, ingest, query, run }) => [
        formatCount(chunks),
        ingest?.planted !== undefined ? String(ingest.planted) : '-',
        ingest ? `${(ingest.ingestMs / 1000).toFixed(1)} s${run.ingest.reused ? ' (kept store)' : ''}` : '-',
        ingest ? Math.round(chunks / (ingest.ingestMs / 1000)).toString() : '-',
        ingest ? [ingest.tokenizeMs, ingest.embedMs, ingest.writeMs].map((ms) => (ms / 1000).toFixed(1)).join(' / ') : '-',
        ingest ? (ingest.dbBytes / 2 ** 20).toFixed(0) : '-',
        ingest ? ingest.maxRssMb.toFixed(0) : '-',
        query ? query.heapPeakMb.toFixed(0) : '-',
      ]),
    ),
    '',
    ...ivfLines(rows),
    `![scale curve](${svgFile})`,
    '',
    '```',
    renderAsciiChart(series),
    '```',
    '',
    'The 1M point: `BENCH_PARTS=scale BENCH_SCALES=10000,100000,1000000 npm run bench` writes scale-1m.json and scale-1m.svg (the default run keeps scale.json).',
    'It needs ~10-40 min of ingest on 2 cores (idle vs busy machine) and ~5.6 GB on disk (about 5.4 KB per chunk, 2 KB of it the float32 vector);',
    '`BENCH_SCALE_DIR=<dir>` keeps the stores there and reuses them on the next run with the same sizes and seed (queries only).',
    'Each query phase is time-boxed (BENCH_QUERY_BUDGET_S, default 45 s). Add `BENCH_IVF_MAX=1000000` for the IVF probe at 1M (~4 GB RAM, 10+ min).',
    '',
  ];
}

/** Hit@5 of the tuning half (odd positions) and the held-out half (even positions), with their query counts. */
function halves(quality: QualityResult | undefined): string {
  if (!quality?.tuning || !quality.heldOut) return '-';
  return `${fixed(quality.tuning.hitAt5)} (${quality.tuning.queries}) / ${fixed(quality.heldOut.hitAt5)} (${quality.heldOut.queries})`;
}

/** Item 1 of issue 16 at the largest measured size, and retrieval quality there against the smallest size. */
function targetLines(rows: Row[]): string[] {
  const measured = rows.filter((row) => row.query);
  const largest = measured.at(-1);
  const smallest = measured[0];
  if (!largest?.query || !smallest?.query) return [];
  const query = largest.query;
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
  const quality = query.quality && smallest.query.quality;
  const lines = [
    `Targets (issue 16 item 1, set for 1M units) at ${formatCount(largest.chunks)} chunks:`,
    '',
    table(
      ['figure', 'target', 'measured', ''],
      [
        ['lexical p50', `<= ${targets.lexicalP50Ms} ms`, formatMs(query.lexical.p50Ms), mark(query.lexical.p50Ms <= targets.lexicalP50Ms)],
        ['lexical p99', `<= ${targets.lexicalP99Ms} ms`, formatMs(query.lexical.p99Ms), mark(query.lexical.p99Ms <= targets.lexicalP99Ms)],
        [
          'hybrid p50 (default pipeline, rerank included)',
          `<= ${targets.hybridP50Ms} ms`,
          formatMs(query.hybrid.p50Ms),
          mark(query.hybrid.p50Ms <= targets.hybridP50Ms),
        ],
        [
          'search process RSS',
          `<= ${targets.searchRssMb} MB`,
          query.searchMaxRssMb !== undefined ? `${query.searchMaxRssMb.toFixed(0)} MB` : '-',
          query.searchMaxRssMb !== undefined ? mark(query.searchMaxRssMb <= targets.searchRssMb) : '-',
        ],
        [
          `Hit@5 (hybrid) vs ${formatCount(smallest.chunks)}`,
          `>= ${smallest.query.quality ? fixed(smallest.query.quality.hybrid.hitAt5) : '-'}`,
          query.quality ? fixed(query.quality.hybrid.hitAt5) : '-',
          quality && query.quality && smallest.query.quality ? mark(query.quality.hybrid.hitAt5 >= smallest.query.quality.hybrid.hitAt5) : '-',
        ],
        [
          `Hit@5 (hybrid), held-out half, vs ${formatCount(smallest.chunks)}`,
          `>= ${fixed(smallest.query.quality?.hybrid.heldOut?.hitAt5)}`,
          fixed(query.quality?.hybrid.heldOut?.hitAt5),
          query.quality?.hybrid.heldOut && smallest.query.quality?.hybrid.heldOut
            ? mark(query.quality.hybrid.heldOut.hitAt5 >= smallest.query.quality.hybrid.heldOut.hitAt5)
            : '-',
        ],
      ],
    ),
    '',
  ];
  return lines;
}

function ivfLines(rows: Row[]): string[] {
  const probed = rows.filter((row) => row.ivf);
  if (probed.length === 0) return [];
  return [
    'Vector search options measured on the same stored vectors (IVF = prototype in bench/scale/ivf-probe.ts, not product code):',
    '',
    table(
      [
        'chunks',
        'vectors MB',
        'load all ms',
        'exact in-memory p50',
        'nlist',
        'train + assign s',
        ...[4, 16, 32, 64].map((n) => `nprobe ${n}: p50, R@10, R@50`),
      ],
      probed.flatMap(({ chunks, ivf }) =>
        ivf
          ? [
              [
                formatCount(chunks),
                ivf.vectorMegabytes.toFixed(0),
                ivf.loadMs.toFixed(0),
                formatMs(ivf.exactInMemory.p50Ms),
                String(ivf.ivf.nlist),
                ((ivf.ivf.trainMs + ivf.ivf.assignMs) / 1000).toFixed(1),
                ...[4, 16, 32, 64].map((n) => {
                  const probe = ivf.ivf.probes.find((entry) => entry.nprobe === n);
                  return probe ? `${formatMs(probe.p50Ms)}, ${pct(probe.recallAt10)}, ${pct(probe.recallAt50)}` : '-';
                }),
              ],
            ]
          : [],
      ),
    ),
    '',
  ];
}

function chartSeries(rows: Row[]): Series[] {
  const points = (pick: (query: QueryResult) => number | undefined) =>
    rows.flatMap((row) => {
      const y = row.query ? pick(row.query) : undefined;
      return y === undefined ? [] : [{ x: row.chunks, y }];
    });
  return [
    { label: 'FTS5 alone p50 (peer)', color: '#8c564b', dashed: true, points: points((query) => query.fts5?.p50Ms) },
    { label: 'lexical p50', color: '#1f77b4', points: points((query) => query.lexical.p50Ms) },
    { label: 'hybrid pipeline p50', color: '#2ca02c', points: points((query) => query.hybrid.p50Ms) },
    { label: 'pipeline, no vector p50', color: '#9467bd', points: points((query) => query.lexicalOnly.p50Ms) },
    { label: 'vector full scan p50', color: '#d62728', points: points((query) => query.vector.p50Ms) },
    {
      label: 'IVF nprobe 16 p50 (proto)',
      color: '#ff7f0e',
      dashed: true,
      points: rows.flatMap((row) => {
        const probe = row.ivf?.ivf.probes.find((entry) => entry.nprobe === 16);
        return probe ? [{ x: row.chunks, y: probe.p50Ms }] : [];
      }),
    },
  ].filter((series) => series.points.length > 0);
}

function notes(run: Row['run'], query: QueryResult | undefined): string {
  const status = (step: StepOutcome | undefined) => (step === undefined ? 'skipped' : step.status === 'ok' ? '' : `${step.status}: ${step.error ?? ''}`);
  const failed = [status(run.ingest), run.ingest.status === 'ok' ? status(run.query) : ''].filter(Boolean).join('; ');
  return failed || `${query?.hybrid.queries ?? 0} hybrid queries`;
}

function latency(value: { p50Ms: number; p99Ms: number } | undefined): string {
  return value ? `${formatMs(value.p50Ms)} / ${formatMs(value.p99Ms)}` : '-';
}

function resultOf<T>(step: StepOutcome | undefined): T | undefined {
  return step?.status === 'ok' ? (step.result as T | undefined) : undefined;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function fixed(value: number | undefined): string {
  return value === undefined ? '-' : value.toFixed(3);
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
