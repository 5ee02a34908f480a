// Quality parity of the PostgreSQL store: the same labelled set (retrieval-set.jsonl, 237 queries over the built-in
// bank and the eval notes) run through the same App on SQLite files and on a throwaway PostgreSQL cluster. Issue 15
// asks MRR@10 within 0.02; BM25 in SQL uses FTS5's formula, so the figures are expected to be equal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { type ConfigReport, evaluateRetrieval, type RetrievalConfigName } from '../src/eval/run-retrieval-eval.js';
import { type PgCluster, startPgCluster } from './support/pg-cluster.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const lines = readEvalSet(join(fixtures, 'eval', 'retrieval-set.jsonl'));
const configs: RetrievalConfigName[] = ['bm25', 'hybrid+rerank'];
let cluster: PgCluster;
const apps: App[] = [];
const reports: Record<'sqlite' | 'postgres', Partial<Record<RetrievalConfigName, ConfigReport>>> = { sqlite: {}, postgres: {} };

beforeAll(async () => {
  cluster = await startPgCluster('parity');
  for (const backend of ['sqlite', 'postgres'] as const) {
    const env: Record<string, string> = { MIANBA_HOME: mkdtempSync(join(tmpdir(), `mianba-parity-${backend}-`)) };
    if (backend === 'postgres') env.MIANBA_DATABASE_URL = cluster.url;
    const app = createApp(await loadConfig({ env }));
    apps.push(app);
    const summary = await app.ingest({ inputs: [join(fixtures, 'eval-notes')], kb: 'notes', cwd: fixtures });
    expect(summary.counts.failed).toBe(0);
    for (const config of configs)
      reports[backend][config] = await evaluateRetrieval(lines, app.search, config, undefined, app.config.retrieval.refusalThreshold);
  }
  for (const config of configs)
    process.stdout.write(
      `${config}: MRR@10 SQLite ${reports.sqlite[config]?.overall.mrr10.toFixed(3)} PostgreSQL ${reports.postgres[config]?.overall.mrr10.toFixed(3)}; Hit@5 ${reports.sqlite[config]?.overall.hit5.toFixed(3)} / ${reports.postgres[config]?.overall.hit5.toFixed(3)}\n`,
    );
}, 600_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  cluster?.stop();
});

describe('PostgreSQL store quality parity with SQLite', () => {
  it.each(configs)('%s: MRR@10 within 0.02 of SQLite on the labelled set', (config) => {
    const sqlite = reports.sqlite[config]?.overall.mrr10 as number;
    const postgres = reports.postgres[config]?.overall.mrr10 as number;
    expect(sqlite).toBeGreaterThan(0.5);
    expect(Math.abs(postgres - sqlite)).toBeLessThanOrEqual(0.02);
  });

  it('refuses the same unanswerable queries (refusal precision and recall within 0.02)', () => {
    const sqlite = reports.sqlite['hybrid+rerank']?.refusal;
    const postgres = reports.postgres['hybrid+rerank']?.refusal;
    expect(Math.abs((postgres?.precision as number) - (sqlite?.precision as number))).toBeLessThanOrEqual(0.02);
    expect(Math.abs((postgres?.recall as number) - (sqlite?.recall as number))).toBeLessThanOrEqual(0.02);
  });
});
