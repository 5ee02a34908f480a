// Search throughput of `mianba serve` at concurrency 1/8/32, idle and while uploads are being ingested (a batch of
// notes plus one 1,000,000-character run, re-uploaded in a loop), for issue 17. Runs the built CLI (npm run build).
//   npx tsx bench/search-under-ingest.ts   BENCH_SECONDS=8 per point
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timedEnv } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const queries = readFileSync(join(root, 'test', 'fixtures', 'eval', 'retrieval-set.jsonl'), 'utf8')
  .split('\n')
  .flatMap((line) => {
    try {
      return [(JSON.parse(line) as { query: string }).query];
    } catch {
      return [];
    }
  })
  .slice(0, 200);

const home = mkdtempSync(join(tmpdir(), 'mianba-bench-ingest-'));
const server: ChildProcess = spawn(process.execPath, [join(root, 'bin', 'mianba.js'), 'serve', '--port', '0'], { env: timedEnv({ MIANBA_HOME: home }) });
const url = await new Promise<string>((resolve, reject) => {
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const found = /mianba serving (http:\/\/[^/\s]+)/.exec(output)?.[1];
    if (found) resolve(found);
  });
  server.once('exit', () => reject(new Error(`serve exited:\n${output}`)));
});

async function measure(concurrency: number): Promise<{ rps: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const query = queries[next++ % queries.length] as string;
        const started = performance.now();
        const response = await fetch(`${url}/api/search?q=${encodeURIComponent(query)}&top=8`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (share: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0);
  return { rps: Math.round(latencies.length / seconds), p50: at(0.5), p99: at(0.99) };
}

let ingesting = false;
let uploads = 0;
async function ingestLoop(): Promise<void> {
  while (ingesting) {
    const form = new FormData();
    for (let index = 0; index < 50; index++)
      form.append(
        'file',
        new File(
          [`# 笔记 ${index}\n\n## 问题 ${index}-${uploads}: 什么是 KV cache?\n\n${'缓存已经算过的 K 和 V,避免重复计算。'.repeat(40)}\n`],
          `n${index}.md`,
        ),
      );
    form.append('file', new File([`# 长串\n\n${'的'.repeat(1_000_000)}\n`], 'run.md'));
    await (await fetch(`${url}/api/kbs/bench/documents`, { method: 'POST', body: form })).arrayBuffer();
    uploads++;
  }
}

const rows: string[] = ['| ingest running | concurrency | requests/s | p50 ms | p99 ms |', '| --- | --- | --- | --- | --- |'];
await measure(4); // warm-up: bank index, caches
for (const running of [false, true]) {
  ingesting = running;
  const loop = running ? ingestLoop() : Promise.resolve();
  if (running) await new Promise((resolve) => setTimeout(resolve, 2000));
  for (const concurrency of [1, 8, 32]) {
    const result = await measure(concurrency);
    rows.push(`| ${running ? 'yes' : 'no'} | ${concurrency} | ${result.rps} | ${result.p50} | ${result.p99} |`);
    console.error(rows.at(-1));
  }
  ingesting = false;
  await loop;
}
console.log(rows.join('\n'));
console.log(`\n${uploads} upload batches (50 notes + a 1,000,000-character run each) ingested during the measurement; ${seconds} s per point.`);
if (server.pid !== undefined) process.kill(server.pid, 'SIGTERM');
rmSync(home, { recursive: true, force: true });
