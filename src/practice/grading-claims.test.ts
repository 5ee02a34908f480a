// Floors of the grader on our claims set (test/fixtures/practice/grading-claims.jsonl): wrong answers in the right
// vocabulary and right answers in other words, over 48 items with misconceptions, zh and en. Items alternate between
// the "tune" half (constants in grade-answer.ts and the patterns were adjusted on it) and the "judge" half (held out).
// Floors on each half: right >= 3.5 in >= 90%, wrong <= 2.0 in >= 90%, right beats wrong on its item by >= 1.0 in
// >= 95% of pairs. Prints the figures of both halves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import { bankItem } from '../bank/question-item.js';
import { createTextTools } from '../text/text-tools.js';
import { gradeAnswer } from './grade-answer.js';

interface Example {
  id: string;
  kind: 'right' | 'wrong';
  lang: 'zh' | 'en';
  half: 'tune' | 'judge';
  answer: string;
}

const setFile = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'practice', 'grading-claims.jsonl');
const examples = readFileSync(setFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Example);
const { bank } = readBank();
const tools = createTextTools(bank.glossary);
const graded = examples.map((example) => {
  const question = bank.questions.find((entry) => entry.id === example.id);
  if (!question) throw new Error(`unknown bank id ${example.id}`);
  const grade = gradeAnswer(bankItem(question), example.answer, tools);
  return { ...example, score: grade.score };
});

function figures(half: Example['half']) {
  const rows = graded.filter((row) => row.half === half);
  const right = rows.filter((row) => row.kind === 'right');
  const wrong = rows.filter((row) => row.kind === 'wrong');
  const pairs = right.flatMap((r) => wrong.filter((w) => w.id === r.id).map((w) => ({ r, w })));
  return {
    rightHigh: right.filter((row) => row.score >= 3.5).length / right.length,
    wrongLow: wrong.filter((row) => row.score <= 2.0).length / wrong.length,
    pairGap: pairs.filter(({ r, w }) => r.score - w.score >= 1.0).length / pairs.length,
    counts: { right: right.length, wrong: wrong.length, pairs: pairs.length },
    failures: [
      ...right.filter((row) => row.score < 3.5).map((row) => `right ${row.id} ${row.lang} ${row.score}`),
      ...wrong.filter((row) => row.score > 2.0).map((row) => `wrong ${row.id} ${row.lang} ${row.score}`),
    ],
  };
}

describe('grading the claims set', () => {
  test('the set: >= 60 wrong and >= 60 right answers over >= 40 items with misconceptions, zh and en', () => {
    expect(graded.filter((row) => row.kind === 'wrong').length).toBeGreaterThanOrEqual(60);
    expect(graded.filter((row) => row.kind === 'right').length).toBeGreaterThanOrEqual(60);
    const ids = new Set(graded.map((row) => row.id));
    expect(ids.size).toBeGreaterThanOrEqual(40);
    for (const id of ids) expect(bank.questions.find((entry) => entry.id === id)?.misconceptions.length ?? 0, id).toBeGreaterThan(0);
    expect(new Set(graded.map((row) => row.lang))).toEqual(new Set(['zh', 'en']));
  });

  for (const half of ['tune', 'judge'] as const) {
    test(`floors on the ${half} half`, () => {
      const result = figures(half);
      console.log(
        `claims set, ${half} half: ${JSON.stringify(result.counts)} right>=3.5 ${(result.rightHigh * 100).toFixed(1)}%, wrong<=2.0 ${(result.wrongLow * 100).toFixed(1)}%, gap>=1.0 ${(result.pairGap * 100).toFixed(1)}%` +
          (result.failures.length > 0 ? `\n  ${result.failures.join('\n  ')}` : ''),
      );
      expect(result.rightHigh).toBeGreaterThanOrEqual(0.9);
      expect(result.wrongLow).toBeGreaterThanOrEqual(0.9);
      expect(result.pairGap).toBeGreaterThanOrEqual(0.95);
    });
  }
});
