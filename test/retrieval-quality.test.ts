// Quality floors of the offline default (no model, no server) on two labelled sets over the built-in bank and test
// notes (Chinese paraphrases, English, colloquial, abbreviations and typos, mixed, notes-only, and questions the
// knowledge base cannot answer): retrieval-set.jsonl (237 queries), on which the constants of src/retrieve/tuning.ts
// were tuned, kept as a regression guard; and retrieval-heldout.jsonl (50 queries written after tuning and never
// tuned on), which carries the quality floor. Figures of both are printed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { type ConfigReport, evaluateRetrieval } from '../src/eval/run-retrieval-eval.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const lines = readEvalSet(join(fixtures, 'eval', 'retrieval-set.jsonl'));
const heldOutLines = readEvalSet(join(fixtures, 'eval', 'retrieval-heldout.jsonl'));
let app: App;
let best: ConfigReport;
let bm25: ConfigReport;
let heldOut: ConfigReport;

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'mianba-quality-'));
  app = createApp(await loadConfig({ env: { MIANBA_HOME: home } }));
  const summary = await app.ingest({ inputs: [join(fixtures, 'eval-notes')], kb: 'notes', cwd: fixtures });
  expect(summary.counts.failed).toBe(0);
  best = await evaluateRetrieval(lines, app.search, 'hybrid+rerank', undefined, app.config.retrieval.refusalThreshold);
  bm25 = await evaluateRetrieval(lines, app.search, 'bm25', undefined, app.config.retrieval.refusalThreshold);
  heldOut = await evaluateRetrieval(heldOutLines, app.search, 'hybrid+rerank', undefined, app.config.retrieval.refusalThreshold);
  const show = (report: ConfigReport) =>
    `${report.config}: Hit@5 ${report.overall.hit5.toFixed(3)} MRR@10 ${report.overall.mrr10.toFixed(3)} NDCG@10 ${report.overall.ndcg10.toFixed(3)} en Hit@5 ${report.byKind.en?.hit5.toFixed(3)} refusal P/R ${report.refusal.precision.toFixed(2)}/${report.refusal.recall.toFixed(2)}`;
  process.stdout.write(`tuning set: ${show(bm25)}\ntuning set: ${show(best)}\nheld-out set: ${show(heldOut)}\n`);
}, 300_000);
afterAll(() => app?.close());

describe('retrieval quality of the offline default on the held-out set (never tuned on)', () => {
  it('has at least 40 labelled queries, including unanswerable ones', () => {
    expect(heldOutLines.length).toBeGreaterThanOrEqual(40);
    expect(heldOutLines.filter((line) => line.relevant.length === 0).length).toBeGreaterThanOrEqual(5);
  });

  it('finds the right item: Hit@5 >= 0.95 and MRR@10 >= 0.90', () => {
    expect(heldOut.overall.hit5).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.overall.mrr10).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses what it cannot answer at the calibrated threshold (precision >= 0.9, recall >= 0.65)', () => {
    expect(heldOut.refusal.precision).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.refusal.recall).toBeGreaterThanOrEqual(0.65);
  });
});

describe('retrieval quality of the offline default on the tuning set (regression guard)', () => {
  it('has at least 150 labelled queries, including unanswerable ones', () => {
    expect(lines.length).toBeGreaterThanOrEqual(150);
    expect(lines.filter((line) => line.relevant.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it('finds the right item: Hit@5 >= 0.96 and MRR@10 >= 0.90 overall', () => {
    expect(best.overall.hit5).toBeGreaterThanOrEqual(0.96);
    expect(best.overall.mrr10).toBeGreaterThanOrEqual(0.9);
  });

  it('answers English queries over Chinese notes: Hit@5 >= 0.90', () => {
    expect(best.byKind.en?.hit5).toBeGreaterThanOrEqual(0.9);
  });

  it('beats plain BM25 on Hit@5, MRR and NDCG', () => {
    expect(best.overall.hit5).toBeGreaterThan(bm25.overall.hit5);
    expect(best.overall.mrr10).toBeGreaterThan(bm25.overall.mrr10);
    expect(best.overall.ndcg10).toBeGreaterThan(bm25.overall.ndcg10);
  });

  it('refuses what it cannot answer at the calibrated threshold (precision >= 0.9, recall >= 0.65)', () => {
    expect(best.refusal.precision).toBeGreaterThanOrEqual(0.9);
    expect(best.refusal.recall).toBeGreaterThanOrEqual(0.65);
  });
});
