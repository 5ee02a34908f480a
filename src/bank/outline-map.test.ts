// The outline map against the real bank: all 31 chapter files exist, every question maps to ids that resolve, and
// no chapter lists a question twice; plus the validation errors a contributor would meet.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank, outlineChapterCount } from './load-bank.js';
import { knownIds, loadOutlineMap, parseOutlineFile, questionKey } from './outline-map.js';

const bankDir = join(import.meta.dirname, '..', '..', 'bank');
const bank = loadBank(bankDir);
const known = knownIds(bank);

describe('the outline map in bank/outline', () => {
  const chapters = loadOutlineMap(bankDir, bank);

  it('has one file per outline chapter, 01.yaml to 31.yaml, and nothing else', () => {
    const expected = Array.from({ length: outlineChapterCount }, (_, index) => `${String(index + 1).padStart(2, '0')}.yaml`);
    expect(readdirSync(join(bankDir, 'outline')).sort()).toEqual(expected);
    expect(chapters.map((chapter) => chapter.outline)).toEqual(expected.map((_, index) => index + 1));
  });

  it('maps every question to at least one id, and every id resolves to a bank item or an alias id', () => {
    const ids = new Set(bank.questions.map((question) => question.id));
    for (const chapter of chapters) {
      expect(chapter.questions.length, chapter.file).toBeGreaterThan(0);
      for (const question of chapter.questions) {
        expect(question.ids.length, question.q).toBeGreaterThan(0);
        for (const id of question.ids) expect(ids.has(id) || known.has(id), `${chapter.file}: ${id}`).toBe(true);
      }
    }
  });

  it('lists no question twice within a chapter', () => {
    for (const chapter of chapters) {
      const keys = chapter.questions.map((question) => questionKey(question.q));
      expect(new Set(keys).size, chapter.file).toBe(keys.length);
    }
  });
});

describe('parseOutlineFile', () => {
  const id = bank.questions[0]?.id ?? 'missing';
  const file = (questions: string) => `outline: 3\ntitle: { zh: 微调, en: Fine-tuning }\nquestions:\n${questions}`;

  it('accepts a valid chapter and keeps the questions in order', () => {
    const chapter = parseOutlineFile(file(`  - q: 第一问?\n    ids: [${id}]\n  - q: 第二问?\n    ids: [${id}]\n`), '03.yaml', known);
    expect(chapter.questions.map((question) => question.q)).toEqual(['第一问?', '第二问?']);
  });

  it('rejects an unknown id, an empty id list, a repeated question and a misnamed file', () => {
    expect(() => parseOutlineFile(file('  - q: 第一问?\n    ids: [no-such-item]\n'), '03.yaml', known)).toThrow(/unknown id "no-such-item"/);
    expect(() => parseOutlineFile(file('  - q: 第一问?\n    ids: []\n'), '03.yaml', known)).toThrow(/at least one id/);
    expect(() => parseOutlineFile(file(`  - q: 第一问?\n    ids: [${id}]\n  - q: 第一问 ?\n    ids: [${id}]\n`), '03.yaml', known)).toThrow(/twice/);
    expect(() => parseOutlineFile(file(`  - q: 第一问?\n    ids: [${id}]\n`), '04.yaml', known)).toThrow(/belongs in 03\.yaml/);
  });
});
