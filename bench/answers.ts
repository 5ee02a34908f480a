// Part "answers": what a user reads, offline, on our labelled answer sets (tuning and held-out): key-point coverage,
// share of answers in the question's language, share with page junk, refusal precision/recall, per query kind; and
// English-over-Chinese retrieval (Hit@5, MRR@10) on Chinese notes only. Runs the real App on a temp home.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { type AnswerEvalReport, evaluateAnswers } from '../src/eval/run-answer-eval.js';
import { evaluateRetrieval } from '../src/eval/run-retrieval-eval.js';
import { round } from './machine.js';

export interface AnswerSetResult {
  set: string;
  length: 'brief' | 'full';
  keyPointCoverage: number | null;
  languageShare: number | null;
  junkShare: number | null;
  refusal: { precision: number; recall: number };
  byKind: AnswerEvalReport['byKind'];
}

export async function runAnswers(projectRoot: string) {
  const fixtures = join(projectRoot, 'test', 'fixtures');
  const home = mkdtempSync(join(tmpdir(), 'mianba-bench-answers-'));
  const app = createApp(await loadConfig({ env: { MIANBA_HOME: home } }));
  try {
    await app.ingest({ inputs: [join(fixtures, 'notes-repo')], kb: 'notes-repo', cwd: fixtures });
    await app.ingest({ inputs: [join(fixtures, 'eval-notes')], kb: 'eval-notes', cwd: fixtures });
    await app.ingest({ inputs: [join(fixtures, 'notes-repo'), join(fixtures, 'eval-notes')], kb: 'notes', cwd: fixtures });
    const answers: AnswerSetResult[] = [];
    for (const set of ['answers-tune', 'answers-heldout']) {
      for (const length of ['brief', 'full'] as const) {
        const report = await evaluateAnswers(readEvalSet(join(fixtures, 'eval', `${set}.jsonl`)), app.ask, undefined, length);
        answers.push({
          set,
          length,
          keyPointCoverage: report.keyPointCoverage === null ? null : round(report.keyPointCoverage, 3),
          languageShare: report.languageShare === null ? null : round(report.languageShare, 3),
          junkShare: report.junkShare === null ? null : round(report.junkShare, 3),
          refusal: { precision: round(report.refusal.precision, 3), recall: round(report.refusal.recall, 3) },
          byKind: report.byKind,
        });
      }
    }
    const crossLingual = [];
    for (const set of ['en-over-zh-tune', 'en-over-zh-heldout']) {
      const report = await evaluateRetrieval(
        readEvalSet(join(fixtures, 'eval', `${set}.jsonl`)),
        app.search,
        'hybrid+rerank',
        'notes',
        app.config.retrieval.refusalThreshold,
      );
      crossLingual.push({ set, hit5: round(report.overall.hit5, 3), mrr10: round(report.overall.mrr10, 3), queries: report.overall.queries });
    }
    return { answers, crossLingual };
  } finally {
    app.close();
    rmSync(home, { recursive: true, force: true });
  }
}
