// `mianba questions --outline` through the real compiled CLI: the interview outline chapter by chapter, each question
// with the bank item that answers it, as text and as JSON, filtered with --chapter; bad flags exit 2.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, type CliPlace, runCli, runCliJson } from './support/run-cli.js';

let root: string;
let place: CliPlace;
beforeAll(() => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-outline-cli-')));
  place = { home: join(root, 'home'), cwd: root };
  mkdirSync(place.home, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface OutlineJson {
  chapters: number;
  count: number;
  outline: {
    outline: number;
    title: { zh: string; en: string };
    questions: { question: string; answeredBy: { id: string; question: { zh: string; en: string } }[] }[];
  }[];
}

describe('mianba questions --outline', () => {
  test('--json lists all 31 chapters in order, every question answered by a bank item with its question text', () => {
    const { code, json } = runCliJson<OutlineJson>(['questions', '--outline', '--json'], place);
    expect(code).toBe(0);
    expect(json.chapters).toBe(31);
    expect(json.outline.map((chapter) => chapter.outline)).toEqual(Array.from({ length: 31 }, (_, index) => index + 1));
    expect(json.count).toBe(json.outline.reduce((sum, chapter) => sum + chapter.questions.length, 0));
    for (const chapter of json.outline) {
      for (const question of chapter.questions) {
        expect(question.answeredBy.length, question.question).toBeGreaterThan(0);
        expect(question.answeredBy[0]?.question.zh, question.question).not.toBe('');
      }
    }
  });

  test('--chapter 1 keeps only the first chapter, whose decoder-only question is answered by the decoder-only item', () => {
    const { code, json } = runCliJson<OutlineJson>(['questions', '--outline', '--chapter', '1', '--json'], place);
    expect(code).toBe(0);
    expect(json.outline.map((chapter) => chapter.outline)).toEqual([1]);
    const decoderOnly = json.outline[0]?.questions.find((question) => question.question.includes('Decoder only'));
    expect(decoderOnly?.answeredBy[0]?.id).toBe('basics-why-decoder-only');
  });

  test('text output names the chapter, the outline question and the id of the item that answers it', () => {
    const run = runCli(['questions', '--outline', '--chapter', '1'], place);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1. 大模型(LLMs)基础面');
    expect(run.stdout).toMatch(/为何现在的大模型大部分是Decoder only结构\?\n\s+-> basics-why-decoder-only/);
    expect(run.stdout).toMatch(/outline questions in 1 chapters\n$/);
  });

  test('a chapter out of range, or --chapter without --outline, is a usage error (exit 2)', () => {
    expect(runCli(['questions', '--outline', '--chapter', '32'], place).code).toBe(2);
    expect(runCli(['questions', '--chapter', '3'], place).code).toBe(2);
  });
});
