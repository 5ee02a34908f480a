// Where and when a bench ran (CPU, cores, memory, Node, date, git-free source fingerprint) and the shared
// result-file writer, so every bench/results/<part>.json can be compared with the machine it came from.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const projectRoot = join(benchDir, '..');
/** The checkout's bench/results, also when the bench runs inside a snapshot (see run.ts). */
export const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(benchDir, 'results');

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryGb: number;
  freeMemoryGb: number;
  loadAverage1m: number;
  node: string;
  platform: string;
  date: string;
  /** sha256 of src/**, first 12 hex digits: which state of the code was measured. */
  sourceHash: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    totalMemoryGb: round(totalmem() / 2 ** 30, 1),
    freeMemoryGb: round(freemem() / 2 ** 30, 1),
    loadAverage1m: round(loadavg()[0] ?? 0, 2),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    sourceHash: sourceHash(join(projectRoot, 'src')),
  };
}

/**
 * The environment of every process a bench times: the bench's own, minus what makes Node start slower than on a
 * stock machine. NODE_EXTRA_CA_CERTS (set on this machine for its proxy) makes every node process read and parse a
 * CA bundle at start: bare `node -e ""` took 114-142 ms with it and 73-77 ms without, the same ~40-60 ms added to
 * every mianba command, which made ratios to bare node look better than a user sees. NODE_OPTIONS could add flags.
 */
export function timedEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const { NODE_EXTRA_CA_CERTS: _certs, NODE_OPTIONS: _options, ...env } = process.env;
  return { ...env, ...extra };
}

/** Writes bench/results/<name>.json with the machine info first. */
export function writeResult(name: string, result: object): string {
  const file = join(resultsDir, `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ machine: machineInfo(), ...result }, null, 2)}\n`);
  return file;
}

function sourceHash(directory: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(directory, name)).isFile())
    .sort();
  for (const name of files) hash.update(name).update(readFileSync(join(directory, name)));
  return hash.digest('hex').slice(0, 12);
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
