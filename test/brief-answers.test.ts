// The brief (default) offline answer of every built-in item carries its point: graded by our own grader against that
// item, it averages >= 4.0/5 in each language and no item falls below 3.0; the full reference answer scores 5.0.
import { describe, expect, it } from 'vitest';
import { readBank, readBankIndex } from '../src/bank/bank-data.js';
import { bankItem } from '../src/bank/question-item.js';
import { gradeAnswer } from '../src/practice/grade-answer.js';
import { matchMisconceptions } from '../src/practice/misconception-match.js';
import { createTextTools } from '../src/text/text-tools.js';

const index = readBankIndex();
const tools = createTextTools(index.glossary, index.text);
const { bank } = readBank();

describe('brief answers of the built-in bank', () => {
  it('every item has a written brief in both languages', () => {
    expect(bank.questions.filter((question) => !question.brief).map((question) => question.id)).toEqual([]);
  });

  it('every item lists the wrong claims interviewers listen for, and none of them fires on its own answer or brief', () => {
    expect(bank.questions.filter((question) => question.misconceptions.length === 0).map((question) => question.id)).toEqual([]);
    const selfMatches = bank.questions.flatMap((question) =>
      (['zh', 'en'] as const).flatMap((language) =>
        [question.answer[language], question.brief?.[language] ?? ''].flatMap((text) =>
          matchMisconceptions(question.misconceptions, text).map((hit) => `${question.id}: ${hit.pattern}`),
        ),
      ),
    );
    expect(selfMatches).toEqual([]);
  });

  for (const language of ['zh', 'en'] as const) {
    it(`graded against their own item, average >= 4.0 and none below 3.0 (${language})`, () => {
      const scores = bank.questions.map((question) => ({
        id: question.id,
        score: gradeAnswer(bankItem(question), question.brief?.[language] ?? '', tools, { language }).score,
      }));
      const mean = scores.reduce((sum, entry) => sum + entry.score, 0) / scores.length;
      process.stdout.write(`brief ${language}: mean ${mean.toFixed(2)} over ${scores.length} items\n`);
      expect(mean).toBeGreaterThanOrEqual(4);
      expect(scores.filter((entry) => entry.score < 3)).toEqual([]);
    });

    it(`the full reference answer scores 5.0 against its own key points (${language})`, () => {
      const below = bank.questions
        .map((question) => ({ id: question.id, score: gradeAnswer(bankItem(question), question.answer[language], tools, { language }).score }))
        .filter((entry) => entry.score < 5);
      expect(below).toEqual([]);
    });
  }
});
