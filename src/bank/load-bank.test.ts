import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank, outlineChapterCount } from './load-bank.js';

const bankDir = join(import.meta.dirname, '..', '..', 'bank');

describe('the built-in bank', () => {
  const bank = loadBank(bankDir);

  it('validates: unique ids, both languages, key points, related ids resolve', () => {
    expect(bank.questions.length).toBeGreaterThan(0);
    for (const question of bank.questions) {
      expect(question.id.startsWith(`${question.chapterId}-`), question.id).toBe(true);
      expect(question.answer.zh.length, question.id).toBeGreaterThan(40);
      expect(question.answer.en.length, question.id).toBeGreaterThan(60);
    }
  });

  it('has at least 300 questions covering all 31 outline chapters', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(300);
    const covered = new Set(bank.questions.map((question) => question.outline));
    for (let chapter = 1; chapter <= outlineChapterCount; chapter++) expect(covered.has(chapter), `outline chapter ${chapter}`).toBe(true);
  });

  it('has a glossary of at least 300 terms with no form shared by two terms', () => {
    expect(bank.glossary.length).toBeGreaterThanOrEqual(300);
    const owner = new Map<string, string>();
    for (const term of bank.glossary) {
      for (const form of [term.en, ...term.abbr, ...term.zh, ...term.aliases]) {
        const key = form.toLowerCase();
        const previous = owner.get(key);
        expect(previous === undefined || previous === term.en, `"${form}" in "${term.en}" and "${previous}"`).toBe(true);
        owner.set(key, term.en);
      }
    }
  });
});
