// Part 4: scale curve. Per size, three child processes (ingest, query, IVF probe), each time-boxed, so one slow
// or huge step cannot stall the bench and each step's memory peak is its own.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, log, projectRoot } from './machine.js';
import type { ScaleQuery } from './scale/results.js';

export interface ScaleOptions {
  sizes: number[];
  workDir: string;
  queries: ScaleQuery[];
  seed: number;
  /** Per-phase query time box inside the query step. */
  queryBudgetMs: number;
  /** Largest size that also runs the IVF probe. */
  ivfMaxChunks: number;
  keep: boolean;
  /** Reuse a store (and its ingest result) kept by an earlier run with the same size and seed instead of ingesting. */
  reuse: boolean;
}

export interface StepOutcome {
  status: 'ok' | 'timeout' | 'failed';
  seconds: number;
  result?: Record<string, unknown>;
  error?: string;
  /** The store of an earlier run was reused (BENCH_SCALE_DIR): this is that run's ingest. */
  reused?: boolean;
}

export function runScale(options: ScaleOptions) {
  const queriesFile = join(options.workDir, 'scale-queries.json');
  writeFileSync(queriesFile, JSON.stringify(options.queries));
  const runs = options.sizes.map((chunks) => {
    const db = join(options.workDir, `scale-${chunks}.sqlite`);
    const ingestFile = join(options.workDir, `scale-${chunks}-${options.seed}-planted.ingest.json`);
    let ingest: StepOutcome;
    if (options.reuse && existsSync(ingestFile) && existsSync(db)) {
      log(`scale ${chunks}: reusing ${db}`);
      ingest = { ...(JSON.parse(readFileSync(ingestFile, 'utf8')) as StepOutcome), reused: true };
    } else {
      log(`scale ${chunks}: ingest`);
      rmSync(ingestFile, { force: true });
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
      ingest = runStep(['ingest', db, String(chunks), String(options.seed), queriesFile], ingestTimeoutMs(chunks));
      if (ingest.status === 'ok') writeFileSync(ingestFile, JSON.stringify(ingest));
    }
    let query: StepOutcome | undefined;
    let ivf: StepOutcome | undefined;
    if (ingest.status === 'ok') {
      log(`scale ${chunks}: query`);
      query = runStep(['query', db, queriesFile, String(options.queryBudgetMs)], options.queryBudgetMs * 6 + 600_000);
      if (chunks <= options.ivfMaxChunks) {
        log(`scale ${chunks}: ivf probe`);
        ivf = runStep(['ivf', db, queriesFile], 1_800_000);
      }
    }
    if (!options.keep) for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    return { chunks, ingest, query, ivf };
  });
  return { sizes: options.sizes, queryBudgetMs: options.queryBudgetMs, ivfMaxChunks: options.ivfMaxChunks, runs };
}

/** Generous: about 3x the ~2.5 ms per chunk measured on a 2-core EPYC, plus 10 minutes. */
function ingestTimeoutMs(chunks: number): number {
  return 600_000 + chunks * 8;
}

function runStep(args: string[], timeoutMs: number): StepOutcome {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, 'scale', 'worker.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 2 ** 20,
  });
  const seconds = (performance.now() - started) / 1000;
  const line = child.stdout
    ?.split('\n')
    .reverse()
    .find((entry) => entry.startsWith('RESULT '));
  if (line) return { status: 'ok', seconds, result: JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown> };
  const timedOut = child.error !== undefined && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  return {
    status: timedOut ? 'timeout' : 'failed',
    seconds,
    error: timedOut ? `killed after ${timeoutMs / 1000} s` : `exit ${child.status} ${child.signal ?? ''}`.trim(),
  };
}
