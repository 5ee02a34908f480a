// The "Ingest throughput" section of bench/results/summary.md, from bench/results/ingest.json (ingest-speed.ts).
import type { runIngestSpeed } from './ingest-speed.js';
import type { MachineInfo } from './machine.js';

export type IngestFile = ReturnType<typeof runIngestSpeed> & { machine: MachineInfo; durationS?: number };

export function ingestSection(result: IngestFile, machineLine: string): string[] {
  const rows = result.rows.map((row) =>
    [
      row.command,
      String(row.runs),
      `${(row.wallP50Ms / 1000).toFixed(2)} s`,
      `${(row.cpuP50Ms / 1000).toFixed(2)} s`,
      'mbPerSecond' in row ? String(row.mbPerSecond) : '-',
      'mbPerCpuSecond' in row ? String(row.mbPerCpuSecond) : '-',
    ].join(' | '),
  );
  return [
    '## Ingest throughput (`mianba ingest`, process start included, default embedder, fresh home per run)',
    '',
    machineLine,
    '',
    `Corpus: ${result.corpus.files} real-shaped Markdown notes, ${result.corpus.megabytes} MB (bench/ingest-notes.ts: the note fixtures copied with variations).`,
    '',
    '| command | runs | wall p50 | CPU p50 (all threads) | MB/s wall | MB per CPU-second |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
  ];
}
