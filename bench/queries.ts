// The bench queries: the labelled set test/fixtures/eval/retrieval-set.jsonl when it exists (lines that do not
// parse yet are skipped, the file may be mid-edit), else queries generated from bank questions with a seed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BankQuestion } from '../src/bank/load-bank.js';
import { evalLineSchema } from '../src/eval/eval-set.js';
import { projectRoot } from './machine.js';
import { createRandom } from './prng.js';

export interface BenchQuery {
  query: string;
  relevant: string[];
  kind: string;
}

export interface QuerySet {
  source: string;
  queries: BenchQuery[];
  skippedLines: number;
}

export const labelledSetPath = join(projectRoot, 'test', 'fixtures', 'eval', 'retrieval-set.jsonl');

export function loadQueries(questions: readonly BankQuestion[], options: { seed: number; file?: string }): QuerySet {
  const file = options.file ?? labelledSetPath;
  if (existsSync(file)) {
    const queries: BenchQuery[] = [];
    let skippedLines = 0;
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
      if (!raw.trim() || raw.trim().startsWith('//')) continue;
      const parsed = safeJson(raw);
      const result = evalLineSchema.safeParse(parsed);
      if (result.success) queries.push({ query: result.data.query, relevant: result.data.relevant, kind: result.data.kind });
      else skippedLines++;
    }
    if (queries.length > 0) return { source: file, queries, skippedLines };
  }
  return { source: 'generated from bank questions', queries: generateQueries(questions, options.seed), skippedLines: 0 };
}

/** Fallback: per sampled bank question, the question as typed, its English form, a keyword query and a Latin typo. */
export function generateQueries(questions: readonly BankQuestion[], seed: number): BenchQuery[] {
  const random = createRandom(seed);
  const sample = random.shuffle(questions).slice(0, 60);
  return sample.flatMap((question) => {
    const relevant = [question.id];
    const zh = question.question.zh.replace(/[??]/g, ' ').trim();
    const keywords = (zh.match(/[A-Za-z][\w-]+|\p{Script=Han}{2,4}/gu) ?? []).slice(0, 3).join(' ');
    const latin = /[A-Za-z]{5,}/.exec(zh)?.[0];
    const typo = latin ? zh.replace(latin, `${latin.slice(0, 2)}${latin[3]}${latin[2]}${latin.slice(4)}`) : undefined;
    return [
      { query: zh, relevant, kind: 'zh-question' },
      { query: question.question.en, relevant, kind: 'en' },
      { query: keywords, relevant, kind: 'zh-keywords' },
      ...(typo ? [{ query: typo, relevant, kind: 'typo' }] : []),
    ].filter((entry) => entry.query.length > 0);
  });
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
