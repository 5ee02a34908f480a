// Part 3: wall time of `node bin/mianba.js search "<query>" --kb bench`, process start included, next to an empty
// `node -e ""` measured in the same loop (alternating), so the figure also reads as a multiple of bare Node startup.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { percentile } from '../src/eval/metrics.js';
import { log, projectRoot, round } from './machine.js';

export interface CliLatencyOptions {
  home: string;
  kb: string;
  queries: string[];
  runs: number;
}

export function runCliLatency(options: CliLatencyOptions) {
  const bin = join(projectRoot, 'bin', 'mianba.js');
  const env = { ...process.env, MIANBA_HOME: options.home, NO_COLOR: '1' };
  const time = (args: string[]) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { env, cwd: projectRoot, encoding: 'utf8' });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
    return { elapsed, stdout: result.stdout };
  };
  const commands = options.queries.map((query) => ({ label: `search "${query}"`, args: [bin, 'search', query, '--kb', options.kb] }));
  const samples = new Map<string, number[]>([['node -e ""', []], ...commands.map((command) => [command.label, []] as [string, number[]])]);
  // Warm-up: one run of each (file cache, compiled bank index), not counted.
  time(['-e', '']);
  const firstOutput = commands.map((command) => time(command.args).stdout.split('\n')[0] ?? '');
  for (let run = 0; run < options.runs; run++) {
    samples.get('node -e ""')?.push(time(['-e', '']).elapsed);
    for (const command of commands) samples.get(command.label)?.push(time(command.args).elapsed);
  }
  const nodeP50 = percentile(samples.get('node -e ""') ?? [], 0.5);
  const rows = [...samples].map(([label, values]) => {
    const p50 = percentile(values, 0.5);
    return {
      command: label,
      runs: values.length,
      p50Ms: round(p50, 1),
      minMs: round(Math.min(...values), 1),
      p90Ms: round(percentile(values, 0.9), 1),
      ratioToNode: round(p50 / nodeP50, 2),
      overNodeMs: round(p50 - nodeP50, 1),
    };
  });
  for (const row of rows) log(`cli: ${row.command}: p50 ${row.p50Ms} ms (${row.ratioToNode}x node)`);
  return { rows, firstHit: firstOutput };
}
