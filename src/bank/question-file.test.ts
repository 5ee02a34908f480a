// The per-question file must give back exactly the bank's questions, by id and by alias id, and must never serve a
// bank other than the current one (an edited bank is read in full instead).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBank } from './bank-data.js';
import { openQuestionFile, writeQuestionFile } from './question-file.js';

const { bank, hash } = readBank();
const directory = mkdtempSync(join(tmpdir(), 'mianba-question-file-'));
const files = { lines: join(directory, 'questions.jsonl'), offsets: join(directory, 'questions.json') };
writeQuestionFile(bank, hash, files);

describe('compiled question file', () => {
  it('reads every bank question by its id and by each alias id, equal to the parsed bank', () => {
    const read = openQuestionFile(hash, files);
    expect(read).toBeDefined();
    expect(bank.questions.length).toBeGreaterThan(300);
    for (const question of bank.questions) {
      expect(read?.(question.id)).toEqual(question);
      for (const alias of question.aliasIds) expect(read?.(alias)?.id).toBe(question.id);
    }
    expect(read?.('q-no-such-question')).toBeUndefined();
    expect(read?.('constructor')).toBeUndefined();
  });

  it('is ignored when built from another bank or missing', () => {
    expect(openQuestionFile('another-hash', files)).toBeUndefined();
    expect(openQuestionFile(hash, { lines: join(directory, 'absent.jsonl'), offsets: files.offsets })).toBeUndefined();
  });
});
