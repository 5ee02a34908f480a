// Part "server": requests/s and p50/p99 of `mianba serve` (127.0.0.1, killed at the end or after a hard deadline) on
// GET /api/search and POST /api/ask at concurrency 1/8/32, next to the same calls made in-process on an App (the
// cost of HTTP + JSON), then search at concurrency 8 while uploads are ingested in a loop: every failed request is
// counted by status and error code (SQLITE_BUSY or store_busy must never reach a user).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config/config.js';
import { percentile } from '../src/eval/metrics.js';
import { log, projectRoot, round, timedEnv } from './machine.js';

export interface ServerThroughputOptions {
  queries: string[];
  /** Measuring time per point. */
  seconds: number;
  concurrencies?: number[];
}

interface Point {
  endpoint: 'search' | 'ask';
  where: 'http' | 'in-process';
  ingestRunning: boolean;
  concurrency: number;
  requests: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  failures: Record<string, number>;
}

export async function runServerThroughput(options: ServerThroughputOptions) {
  const concurrencies = options.concurrencies ?? [1, 8, 32];
  const home = mkdtempSync(join(tmpdir(), 'mianba-bench-serve-'));
  const server = await startServer(home, (options.seconds * concurrencies.length * 5 + 120) * 1000);
  const points: Point[] = [];
  let uploads = 0;
  try {
    const call = httpCaller(server.url);
    await drive('search', 4, Math.min(3, options.seconds), options.queries, call); // warm-up: bank index, caches
    for (const endpoint of ['search', 'ask'] as const) {
      for (const concurrency of concurrencies)
        points.push(
          report({ endpoint, where: 'http', ingestRunning: false, concurrency }, await drive(endpoint, concurrency, options.seconds, options.queries, call)),
        );
    }
    const app = createApp(defaultConfig(home, 'default'));
    try {
      const inProcess: Caller = async (endpoint, query) => {
        if (endpoint === 'search') await app.search({ query, top: 8 });
        else await app.ask({ question: query });
        return undefined;
      };
      await drive('search', 1, 1, options.queries, inProcess);
      for (const endpoint of ['search', 'ask'] as const) {
        for (const concurrency of [1, 8])
          points.push(
            report(
              { endpoint, where: 'in-process', ingestRunning: false, concurrency },
              await drive(endpoint, concurrency, options.seconds, options.queries, inProcess),
            ),
          );
      }
    } finally {
      app.close();
    }
    let ingesting = true;
    const loop = (async () => {
      while (ingesting) {
        await uploadBatch(server.url, uploads);
        uploads++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const endpoint of ['search', 'ask'] as const) {
      points.push(report({ endpoint, where: 'http', ingestRunning: true, concurrency: 8 }, await drive(endpoint, 8, options.seconds, options.queries, call)));
    }
    ingesting = false;
    await loop;
  } finally {
    server.stop();
    rmSync(home, { recursive: true, force: true });
  }
  return { points, uploadBatches: uploads, secondsPerPoint: options.seconds, note: 'each upload batch: 50 small notes and one 200,000-character run' };
}

type Caller = (endpoint: 'search' | 'ask', query: string) => Promise<string | undefined>;

function httpCaller(url: string): Caller {
  return async (endpoint, query) => {
    const response =
      endpoint === 'search'
        ? await fetch(`${url}/api/search?q=${encodeURIComponent(query)}&top=8`)
        : await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: query }) });
    const body = await response.text();
    if (response.ok) return undefined;
    const code = /"code":"([^"]+)"/.exec(body)?.[1] ?? 'no code';
    return `${response.status} ${code}`;
  };
}

async function drive(endpoint: 'search' | 'ask', concurrency: number, seconds: number, queries: string[], call: Caller) {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const started = performance.now();
  const end = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const query = queries[next++ % queries.length] as string;
        const before = performance.now();
        let failure: string | undefined;
        try {
          failure = await call(endpoint, query);
        } catch (error) {
          failure = `thrown ${(error as Error).message.slice(0, 60)}`;
        }
        latencies.push(performance.now() - before);
        if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
      }
    }),
  );
  return { latencies, failures, elapsedS: (performance.now() - started) / 1000 };
}

function report(point: Pick<Point, 'endpoint' | 'where' | 'ingestRunning' | 'concurrency'>, measured: Awaited<ReturnType<typeof drive>>): Point {
  const result: Point = {
    ...point,
    requests: measured.latencies.length,
    requestsPerS: round(measured.latencies.length / measured.elapsedS, 1),
    p50Ms: round(percentile(measured.latencies, 0.5), 1),
    p99Ms: round(percentile(measured.latencies, 0.99), 1),
    failures: measured.failures,
  };
  const failed = Object.entries(result.failures).map(([key, count]) => `${count}x ${key}`);
  log(
    `server: ${point.endpoint} ${point.where}${point.ingestRunning ? ' during ingest' : ''} c=${point.concurrency}: ${result.requestsPerS} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${failed.length ? `, failures: ${failed.join(', ')}` : ''}`,
  );
  return result;
}

async function uploadBatch(url: string, batch: number): Promise<void> {
  const form = new FormData();
  for (let index = 0; index < 50; index++) {
    const text = `# 笔记 ${index}\n\n## 问题 ${index}-${batch}: 什么是 KV cache?\n\n${'缓存已经算过的 K 和 V,避免重复计算。'.repeat(40)}\n`;
    form.append('file', new File([text], `n${index}.md`));
  }
  form.append('file', new File([`# 长串\n\n${'的'.repeat(200_000)}\n`], 'run.md'));
  await (await fetch(`${url}/api/kbs/bench/documents`, { method: 'POST', body: form })).arrayBuffer();
}

/** `mianba serve` on an ephemeral 127.0.0.1 port, killed by stop() or, whatever happens, after `lifetimeMs`. */
async function startServer(home: string, lifetimeMs: number): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'bin', 'mianba.js'), 'serve', '--port', '0'], {
    env: timedEnv({ MIANBA_HOME: home, NO_COLOR: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const deadline = setTimeout(() => child.kill('SIGKILL'), lifetimeMs);
  deadline.unref();
  const stop = () => {
    clearTimeout(deadline);
    child.kill('SIGTERM');
  };
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', () => reject(new Error(`serve exited before listening:\n${output}`)));
  }).catch((error: unknown) => {
    stop();
    throw error;
  });
  return { url, stop };
}
