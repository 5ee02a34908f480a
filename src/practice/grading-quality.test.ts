// Quality floors of the deterministic grader on our labelled set (test/fixtures/practice/grading-set.jsonl: question
// id, candidate answer, expected band). Within each question the bands must be ordered excellent > partial > the bad
// ones in at least 90% of pairs, and no bad answer may reach 3/5. Prints the measured figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import { bankItem } from '../bank/question-item.js';
import { createTextTools } from '../text/text-tools.js';
import { gradeAnswer } from './grade-answer.js';

const bands = ['excellent', 'partial', 'wrong-but-confident', 'off-topic', 'empty', 'question-copied'] as const;
type Band = (typeof bands)[number];
const rank: Record<Band, number> = { excellent: 2, partial: 1, 'wrong-but-confident': 0, 'off-topic': 0, empty: 0, 'question-copied': 0 };
const bad: Band[] = ['wrong-but-confident', 'off-topic', 'empty', 'question-copied'];

interface Example {
  id: string;
  band: Band;
  lang: string;
  answer: string;
}

const setFile = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'practice', 'grading-set.jsonl');
const examples = readFileSync(setFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Example);
const { bank } = readBank();
const tools = createTextTools(bank.glossary);

describe('grading quality on the labelled set', () => {
  test('the set has >= 80 examples over every band, several chapters and both languages, on bank ids that exist', () => {
    expect(examples.length).toBeGreaterThanOrEqual(80);
    for (const band of bands)
      expect(
        examples.some((example) => example.band === band),
        band,
      ).toBe(true);
    const ids = new Set(bank.questions.map((question) => question.id));
    for (const example of examples) expect(ids.has(example.id), `unknown bank id ${example.id}`).toBe(true);
    const chapters = new Set(examples.map((example) => bank.questions.find((question) => question.id === example.id)?.chapterId));
    expect(chapters.size).toBeGreaterThanOrEqual(10);
    expect(new Set(examples.map((example) => example.lang))).toEqual(new Set(['zh', 'en', 'any']));
  });

  test('orders the bands in >= 90% of pairs and never gives >= 3 to a bad answer', () => {
    const graded = examples.map((example) => {
      const question = bank.questions.find((entry) => entry.id === example.id);
      if (!question) throw new Error(`unknown id ${example.id}`);
      return { ...example, score: gradeAnswer(bankItem(question), example.answer, tools).score };
    });
    let pairs = 0;
    let ordered = 0;
    const misordered: string[] = [];
    for (const a of graded) {
      for (const b of graded) {
        if (a.id !== b.id || rank[a.band] <= rank[b.band]) continue;
        pairs++;
        if (a.score > b.score) ordered++;
        else misordered.push(`${a.id}: ${a.band} ${a.score} <= ${b.band} ${b.score}`);
      }
    }
    const accuracy = ordered / pairs;
    const maxByBand = Object.fromEntries(bands.map((band) => [band, Math.max(...graded.filter((entry) => entry.band === band).map((entry) => entry.score))]));
    const meanByBand = Object.fromEntries(
      bands.map((band) => {
        const scores = graded.filter((entry) => entry.band === band).map((entry) => entry.score);
        return [band, Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 100) / 100];
      }),
    );
    console.log(
      `grading set: ${graded.length} answers, ${pairs} ordered pairs, pair-ordering accuracy ${(accuracy * 100).toFixed(1)}%\n` +
        `max score by band: ${JSON.stringify(maxByBand)}\nmean score by band: ${JSON.stringify(meanByBand)}\n` +
        (misordered.length > 0 ? `misordered:\n  ${misordered.join('\n  ')}` : 'no misordered pairs'),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    for (const band of bad) expect(maxByBand[band], band).toBeLessThan(3);
    expect(meanByBand.excellent).toBeGreaterThanOrEqual(3.5);
  });
});
