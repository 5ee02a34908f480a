// Part "ingest": MB/s of `mianba ingest <notes>` (the real CLI, process start included, default embedder, fresh
// MIANBA_HOME each run) over real-shaped notes (ingest-notes.ts), next to bare `node -e ""` in the same loop. With
// BENCH_INGEST_BASE=<dir of another build> that build is timed in the same loop, alternating: a before/after in one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../src/eval/metrics.js';
import { fixtureNoteDirs, writeNotesCorpus } from './ingest-notes.js';
import { log, projectRoot, round } from './machine.js';

export interface IngestSpeedOptions {
  targetBytes: number;
  runs: number;
  seed: number;
  /** Extra note folders mixed into the corpus (BENCH_NOTES_DIRS, comma-separated). */
  extraSources?: string[];
  /** Root of another build (bin/mianba.js inside) timed in the same loop. */
  baseRoot?: string | undefined;
}

export function runIngestSpeed(options: IngestSpeedOptions) {
  const root = mkdtempSync(join(tmpdir(), 'mianba-bench-ingest-'));
  try {
    const corpus = writeNotesCorpus({
      sources: [...fixtureNoteDirs(projectRoot), ...(options.extraSources ?? [])],
      directory: join(root, 'notes'),
      targetBytes: options.targetBytes,
      seed: options.seed,
    });
    log(`ingest: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(2)} MB`);
    const builds = [{ label: 'mianba ingest', root: projectRoot }, ...(options.baseRoot ? [{ label: 'mianba ingest (base)', root: options.baseRoot }] : [])];
    const samples = new Map<string, { wallMs: number[]; cpuMs: number[] }>();
    const record = (label: string, wallMs: number, cpuMs: number) => {
      const entry = samples.get(label) ?? { wallMs: [], cpuMs: [] };
      entry.wallMs.push(wallMs);
      entry.cpuMs.push(cpuMs);
      samples.set(label, entry);
    };
    for (let run = 0; run < options.runs; run++) {
      const node = timeChild(['-e', ''], root, {});
      record('node -e ""', node.wallMs, node.cpuMs);
      for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
        const home = join(root, `home-${run}-${builds.indexOf(build)}`);
        const result = timeChild([join(build.root, 'bin', 'mianba.js'), 'ingest', corpus.directory], root, { MIANBA_HOME: home });
        record(build.label, result.wallMs, result.cpuMs);
        rmSync(home, { recursive: true, force: true });
      }
    }
    const rows = [...samples].map(([command, { wallMs, cpuMs }]) => {
      const wall = percentile(wallMs, 0.5);
      const cpu = percentile(cpuMs, 0.5);
      return {
        command,
        runs: wallMs.length,
        wallP50Ms: round(wall, 1),
        cpuP50Ms: round(cpu, 1),
        ...(command === 'node -e ""'
          ? {}
          : { mbPerSecond: round(corpus.bytes / 1e6 / (wall / 1000), 2), mbPerCpuSecond: round(corpus.bytes / 1e6 / (cpu / 1000), 2) }),
      };
    });
    for (const row of rows)
      log(`ingest: ${row.command}: wall p50 ${row.wallP50Ms} ms, cpu ${row.cpuP50Ms} ms${'mbPerSecond' in row ? `, ${row.mbPerSecond} MB/s` : ''}`);
    return { corpus: { files: corpus.files, megabytes: round(corpus.bytes / 1e6, 3) }, rows };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Wall and CPU (user + system, children included) time of one `node <args>` run; throws when it fails. */
function timeChild(args: string[], cwd: string, env: Record<string, string>): { wallMs: number; cpuMs: number } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  const [user, system] = (result.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number);
  return { wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}
