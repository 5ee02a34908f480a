// The bench proper (started by run.ts inside a snapshot of the project): quality and speed vs peers, CLI latency,
// scale curve, then the Markdown summary. Settings come from BENCH_* environment variables (see run.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBank } from '../src/bank/bank-data.js';
import { runAnswers } from './answers.js';
import { runCliLatency } from './cli-latency.js';
import { runIngestSpeed } from './ingest-speed.js';
import { log, projectRoot, writeResult } from './machine.js';
import { runQuality } from './quality.js';
import { loadQueries } from './queries.js';
import { runScale } from './scale.js';
import { runServerThroughput } from './server-throughput.js';
import { writeSummary } from './summary.js';
import { benchKb, prepareWorkspace, type Workspace } from './workspace.js';

const env = process.env;
const parts = new Set((env.BENCH_PARTS ?? 'quality,answers,cli,ingest,server,scale').split(',').map((part) => part.trim()));
const seed = Number(env.BENCH_SEED ?? 20240601);
const keep = env.BENCH_KEEP === '1';
const started = performance.now();
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

const questions = readBank().bank.questions;
const querySet = loadQueries(questions, { seed });
log(`queries: ${querySet.queries.length} from ${querySet.source}${querySet.skippedLines ? ` (${querySet.skippedLines} lines skipped)` : ''}`);

let workspace: Workspace | undefined;
try {
  if (parts.has('quality') || parts.has('cli')) {
    workspace = await prepareWorkspace({ seed, targetBytes: Number(env.BENCH_CORPUS_MB ?? 1.6) * 1e6, keep });
  }
  if (parts.has('quality') && workspace) {
    const since = performance.now();
    const result = await runQuality(workspace, querySet, { repeat: Number(env.BENCH_REPEAT ?? 2) });
    log(`wrote ${writeResult('quality', { durationS: seconds(since), ...result })}`);
  }
  if (parts.has('answers')) {
    const since = performance.now();
    const result = await runAnswers(projectRoot);
    log(`wrote ${writeResult('answers', { durationS: seconds(since), ...result })}`);
  }
  if (parts.has('cli') && workspace) {
    const since = performance.now();
    const zh = querySet.queries.find((query) => /\p{Script=Han}/u.test(query.query) && query.relevant.length > 0)?.query ?? 'KV Cache 为什么能加速推理';
    const en = querySet.queries.find((query) => query.kind === 'en')?.query ?? 'why does the KV cache speed up decoding';
    const result = runCliLatency({
      home: workspace.home,
      kb: benchKb,
      queries: [zh, en],
      questions: [zh, en],
      runs: Number(env.BENCH_CLI_RUNS ?? 15),
      baseRoot: env.BENCH_CLI_BASE,
      corpusDir: workspace.corpusDir,
    });
    log(`wrote ${writeResult('cli', { durationS: seconds(since), ...result })}`);
  }
  if (parts.has('ingest')) {
    const since = performance.now();
    const result = runIngestSpeed({
      targetBytes: Number(env.BENCH_INGEST_MB ?? 3) * 1e6,
      runs: Number(env.BENCH_INGEST_RUNS ?? 3),
      seed,
      extraSources: (env.BENCH_NOTES_DIRS ?? '').split(',').filter(Boolean),
      baseRoot: env.BENCH_INGEST_BASE,
    });
    log(`wrote ${writeResult('ingest', { durationS: seconds(since), ...result })}`);
  }
  if (parts.has('server')) {
    const since = performance.now();
    const result = await runServerThroughput({ queries: querySet.queries.map((query) => query.query), seconds: Number(env.BENCH_SERVER_S ?? 6) });
    log(`wrote ${writeResult('server', { durationS: seconds(since), ...result })}`);
  }
  if (parts.has('scale')) {
    const since = performance.now();
    // BENCH_SCALE_DIR keeps the scale stores there and reuses them on the next run (same size and seed): the 1M
    // ingest takes ~10 min, the queries a few.
    const reuseDir = env.BENCH_SCALE_DIR;
    if (reuseDir) mkdirSync(reuseDir, { recursive: true });
    const workDir = reuseDir ?? mkdtempSync(join(tmpdir(), 'mianba-bench-scale-'));
    try {
      const sizes = (env.BENCH_SCALES ?? '10000,100000')
        .split(',')
        .map(Number)
        .filter((size) => size > 0);
      const result = runScale({
        sizes,
        workDir,
        queries: querySet.queries.map(({ query, relevant }) => ({ query, relevant })),
        seed,
        queryBudgetMs: Number(env.BENCH_QUERY_BUDGET_S ?? 45) * 1000,
        ivfMaxChunks: Number(env.BENCH_IVF_MAX ?? 100_000),
        keep: keep || reuseDir !== undefined,
        reuse: reuseDir !== undefined,
      });
      // Runs that reach 1M chunks keep their own file, so the default bench does not overwrite them.
      const name = Math.max(...sizes) >= 1_000_000 ? 'scale-1m' : 'scale';
      log(`wrote ${writeResult(name, { durationS: seconds(since), ...result })}`);
    } finally {
      if (!keep && !reuseDir) rmSync(workDir, { recursive: true, force: true });
    }
  }
  writeSummary();
} finally {
  workspace?.dispose();
}
log(`bench done in ${seconds(started)} s`);
