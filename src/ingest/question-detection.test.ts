// Precision and recall of question detection on a labelled sample of real-shaped notes (bold section titles,
// statements containing 是否, questions without "?", numbered posts, scraped pages). Floors kept in CI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOf } from '../core/formats.js';
import { parseDocument } from './parse-document.js';

const root = join(import.meta.dirname, '..', '..');
const labels = JSON.parse(readFileSync(join(root, 'test/fixtures/ingest/question-labels.json'), 'utf8')) as { files: Record<string, string[]> };

describe('question detection on the labelled sample', () => {
  it('finds the real questions (recall >= 0.95) and promotes no titles or statements (precision >= 0.95)', async () => {
    let found = 0;
    let correct = 0;
    let expected = 0;
    const wrong: string[] = [];
    const missed: string[] = [];
    for (const [file, questions] of Object.entries(labels.files)) {
      const format = formatOf(file);
      expect(format, file).toBeDefined();
      const document = await parseDocument(file, format as NonNullable<typeof format>, readFileSync(join(root, file)));
      const extracted = document.units.flatMap((unit) => (unit.question ? [unit.question] : []));
      found += extracted.length;
      expected += questions.length;
      for (const question of extracted) {
        if (questions.includes(question)) correct++;
        else wrong.push(`${file}: ${question}`);
      }
      for (const question of questions) if (!extracted.includes(question)) missed.push(`${file}: ${question}`);
    }
    const precision = correct / found;
    const recall = correct / expected;
    expect({ precision, recall, wrong, missed }).toMatchObject({ wrong: [], missed: [] });
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(expected).toBeGreaterThanOrEqual(30);
  });

  it('keeps bold titles and statements out of the questions, and markup out of topics', async () => {
    const file = 'test/fixtures/ingest/tricky-notes.md';
    const document = await parseDocument(file, 'markdown', readFileSync(join(root, file)));
    const questions = document.units.flatMap((unit) => (unit.question ? [unit.question] : []));
    expect(questions.some((question) => /jieba|是否使用|原理$|总结/.test(question))).toBe(false);
    for (const unit of document.units) for (const part of unit.topic) expect(part).not.toMatch(/\*\*|\\\*/);
  });
});
