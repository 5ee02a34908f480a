// Entry point of `npm run bench`. Other people edit src/ (and rebuild dist/) while a bench runs for many minutes,
// so the bench runs inside a snapshot: src, dist, bin, bank, bench and the fixtures are copied to a temp directory
// (node_modules linked) and bench/main.ts runs there; results still land in this checkout's bench/results.
// Imports nothing from src/: a file that is mid-edit cannot break the launcher.
//   BENCH_PARTS=quality,answers,cli,ingest,server,scale   BENCH_SERVER_S=6 (per server point)   BENCH_SCALES=10000,100000 (add 1000000 for the 1M point: results go to scale-1m.json)   BENCH_SEED=20240601   BENCH_SCALE_DIR=<dir> (keep the scale stores there and reuse them next run)
//   BENCH_QUERY_BUDGET_S=45 (per phase per scale)   BENCH_IVF_MAX=100000   BENCH_CLI_RUNS=15   BENCH_CLI_BASE=<another build's root, timed in the same loop>   BENCH_REPEAT=2
//   BENCH_CORPUS_MB=1.6   BENCH_KEEP=1 keeps temp directories   BENCH_SNAPSHOT=0 runs in place
//   BENCH_INGEST_MB=3   BENCH_INGEST_RUNS=3   BENCH_NOTES_DIRS=<extra note folders>   BENCH_INGEST_BASE=<another build's root, timed in the same loop>
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDir, log, projectRoot, resultsDir } from './machine.js';

const copied = ['src', 'dist', 'bin', 'bank', 'bench', 'test/fixtures', 'package.json', 'tsconfig.json'];

if (process.env.BENCH_SNAPSHOT === '0') {
  await import('./main.js');
} else {
  const root = mkdtempSync(join(tmpdir(), 'mianba-bench-snapshot-'));
  try {
    for (const entry of copied) {
      // Timestamps kept: the CLI trusts dist/ only when it is newer than bank/ (else it re-reads the YAML and the
      // lexicon sources, ~150 ms per call), so a copy with fresh times would time that fallback instead.
      cpSync(join(projectRoot, entry), join(root, entry), {
        recursive: true,
        preserveTimestamps: true,
        filter: (source) => !source.startsWith(join(benchDir, 'results')),
      });
    }
    symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    log(`running in snapshot ${root}`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'main.ts')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS_DIR: resultsDir, BENCH_SOURCE_ROOT: projectRoot },
    });
    process.exitCode = child.status ?? 1;
  } finally {
    if (process.env.BENCH_KEEP !== '1') rmSync(root, { recursive: true, force: true });
  }
}
