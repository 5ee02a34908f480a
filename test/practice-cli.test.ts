// The practice commands through the real compiled CLI against a temp MIANBA_HOME: grade --json (shape, --record),
// progress export/import round trip, stats --json/--html, mock with an answer file and a report, reset with its
// automatic backup, and the Anki TSV export and import.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { assertBuilt, type CliPlace, cliEnvironment, cliPath, runCli, runCliJson } from './support/run-cli.js';

let root: string;
let place: CliPlace;
beforeAll(() => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-practice-cli-')));
  place = { home: join(root, 'home'), cwd: root };
  mkdirSync(place.home, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface GradeJson {
  id: string;
  score: number;
  rating: string;
  covered: string[];
  missed: string[];
  rougeL: number;
  points: { covered: boolean; via: string | null }[];
  reference: { text: string; citations: { path: string; line: number }[] };
  recorded?: { rating: string; due: string };
}

const scaledAnswer =
  '公式是 softmax(QK^T/√d_k)V。点积的方差为 d_k,维度大时数值过大,softmax 饱和、梯度消失;除以 √d_k 让方差回到 1,除以 d_k 则缩得太小,接近均匀分布。';

describe('mianba grade', () => {
  test('--json gives id, score 0-5, rating, covered, missed and rougeL, and leaves the schedule alone', () => {
    const { code, json } = runCliJson<GradeJson>(['grade', 'attention-scaled-dot-product', '--answer', scaledAnswer, '--json'], place);
    expect(code).toBe(0);
    expect(json).toMatchObject({ id: 'attention-scaled-dot-product', rating: expect.stringMatching(/^(again|hard|good|easy)$/) });
    expect(json.score).toBeGreaterThanOrEqual(3);
    expect(json.score).toBeLessThanOrEqual(5);
    expect(Array.isArray(json.covered) && Array.isArray(json.missed)).toBe(true);
    expect(json.covered.length).toBeGreaterThanOrEqual(3);
    expect(json.rougeL).toBeGreaterThan(0);
    expect(json.rougeL).toBeLessThanOrEqual(1);
    expect(json.reference.citations[0]?.path).toMatch(/^bank\/chapters\/.*\.yaml$/);
    expect(json.recorded).toBeUndefined();
    expect(existsSync(join(place.home, 'practice.db')) ? runCliJson<{ totals: { reviews: number } }>(['stats', '--json'], place).json.totals.reviews : 0).toBe(
      0,
    );
  });

  test('an answer file, --record with a rating override, and usage errors', () => {
    writeFileSync(join(root, 'answer.txt'), 'Each head shares one KV head, so the KV cache shrinks to 1/h and inference is faster.');
    const recorded = runCliJson<GradeJson>(['grade', 'attention-mqa', '--answer-file', 'answer.txt', '--json', '--record', '--rating', 'hard'], place);
    expect(recorded.code).toBe(0);
    expect(recorded.json.recorded?.rating).toBe('hard');
    expect(runCli(['grade', 'attention-mqa', '--json'], place).code).toBe(2);
    expect(runCli(['grade', 'attention-mqa', '--answer', 'x', '--rating', 'good'], place).code).toBe(2);
    expect(runCli(['grade', 'no-such-question', '--answer', 'x'], place).code).toBe(1);
    const text = runCli(['grade', 'attention-mqa', '--answer', 'I do not know'], place);
    expect(text.stdout).toContain('score 0.0/5');
  });
});

describe('mianba grade --judge', () => {
  test('with an LLM configured, the judge verdict is shown beside the deterministic grade, never replacing it', async () => {
    const server = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model') });
    try {
      const env = { ...cliEnvironment(join(root, 'judge-home')), MIANBA_LLM_BASE_URL: server.url, MIANBA_LLM_MODEL: 'fake-model' };
      const child = spawn(process.execPath, [cliPath, 'grade', 'attention-scaled-dot-product', '--answer', scaledAnswer, '--judge', '--json'], {
        cwd: root,
        env,
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      const json = JSON.parse(out) as GradeJson & { judge: { model: string; score: number; feedback: string } };
      expect(json.judge).toMatchObject({ model: 'fake-model', score: 3, feedback: 'fake judge' });
      expect(json.score).toBeGreaterThanOrEqual(3);
      expect(json.score).not.toBe(json.judge.score);
    } finally {
      await server.close();
    }
    expect(runCli(['grade', 'attention-mqa', '--answer', 'x', '--judge'], place).code).toBe(2);
  });
});

describe('mianba progress, stats, mock and reset', () => {
  test('mock with an answer file writes Markdown and HTML reports and records its reviews', () => {
    writeFileSync(
      join(root, 'mock-answers.txt'),
      ['The attention weights come from softmax of scaled dot products.', '---', 'skip', '---', 'Not sure.', '---', 'quit'].join('\n'),
    );
    const markdown = runCli(['mock', '--n', '3', '--topics', 'attention', '--answer-file', 'mock-answers.txt', '--report', 'report.md'], place);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('mock interview: 3 questions');
    const report = readFileSync(join(root, 'report.md'), 'utf8');
    expect(report).toContain('# Mock interview report');
    expect(report).toContain('| # | question | topic | score | time | missed points |');
    expect(report).toContain('## What to review next');
    writeFileSync(join(root, 'mock-answers-2.txt'), 'RAG retrieves passages <b>first</b>.');
    const html = runCli(['mock', '--n', '1', '--topics', 'rag', '--answer-file', 'mock-answers-2.txt', '--report', 'report.html'], place);
    expect(html.code).toBe(0);
    const page = readFileSync(join(root, 'report.html'), 'utf8');
    expect(page).toContain('<!doctype html>');
    expect(page).not.toMatch(/<script|src=|href=/i);
    expect(runCli(['mock', '--report', 'report.txt'], place).code).toBe(2);
  });

  test('stats --json: topics with mastery, a 14-day forecast, streak and 30 days of reviews; --html writes inline SVG', () => {
    const { code, json } = runCliJson<{
      totals: { reviews: number; cards: number; questions: number };
      topics: { topic: string; mastery: number | null; recentScore: number | null }[];
      forecast: { date: string; due: number }[];
      streak: { current: number; longest: number };
      reviewsPerDay: { date: string; reviews: number }[];
    }>(['stats', '--json', '--html', 'stats.html'], place);
    expect(code).toBe(0);
    expect(json.totals.reviews).toBeGreaterThanOrEqual(2);
    expect(json.totals.questions).toBeGreaterThan(100);
    expect(json.forecast).toHaveLength(14);
    expect(json.reviewsPerDay).toHaveLength(30);
    expect(json.reviewsPerDay.at(-1)?.reviews).toBe(json.totals.reviews);
    expect(json.streak.current).toBe(1);
    const attention = json.topics.find((topic) => topic.topic === 'Attention and its variants');
    expect(attention?.mastery).toBeGreaterThan(0);
    expect(attention?.recentScore).not.toBeNull();
    const page = readFileSync(join(root, 'stats.html'), 'utf8');
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script|src=|href=/i);
    const text = runCli(['stats'], place);
    expect(text.stdout).toMatch(/streak: 1 day/);
  });

  test('export then import into a fresh home round-trips cards, reviews and sessions; re-import adds nothing', () => {
    expect(runCli(['progress', 'export', 'progress.json'], place).code).toBe(0);
    const backup = JSON.parse(readFileSync(join(root, 'progress.json'), 'utf8'));
    expect(backup).toMatchObject({ format: 'mianba-progress', version: 1 });
    expect(backup.reviews.length).toBeGreaterThanOrEqual(2);
    const fresh: CliPlace = { home: join(root, 'fresh-home'), cwd: root };
    const first = runCliJson<{ reviewsAdded: number; reviewsSkipped: number }>(['progress', 'import', 'progress.json', '--json'], fresh);
    expect(first.json).toMatchObject({ reviewsAdded: backup.reviews.length, reviewsSkipped: 0 });
    const second = runCliJson<{ reviewsAdded: number; reviewsSkipped: number }>(['progress', 'import', 'progress.json', '--json'], fresh);
    expect(second.json).toMatchObject({ reviewsAdded: 0, reviewsSkipped: backup.reviews.length });
    expect(runCli(['progress', 'export', 'again.json'], fresh).code).toBe(0);
    const again = JSON.parse(readFileSync(join(root, 'again.json'), 'utf8'));
    expect(again.cards).toEqual(backup.cards);
    expect(again.reviews).toEqual(backup.reviews);
    expect(again.sessions).toEqual(backup.sessions);
    writeFileSync(join(root, 'bad.json'), JSON.stringify({ ...backup, reviews: [{ id: 1 }] }));
    const bad = runCli(['progress', 'import', 'bad.json'], fresh);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('reviews.0.id');
  });

  test('reset --topic needs confirmation off a TTY, then deletes that topic only, after a backup', () => {
    expect(runCli(['reset', '--topic', 'attention'], place).code).toBe(2);
    const before = runCliJson<{ totals: { reviews: number } }>(['stats', '--json'], place).json.totals.reviews;
    const reset = runCli(['reset', '--topic', 'attention', '--yes'], place);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/deleted \d+ cards and \d+ reviews of topic "attention"; backup: /);
    const backups = readdirSync(join(place.home, 'backups'));
    expect(backups).toHaveLength(1);
    const saved = JSON.parse(readFileSync(join(place.home, 'backups', backups[0] as string), 'utf8'));
    expect(saved.reviews).toHaveLength(before);
    const after = runCliJson<{ totals: { reviews: number }; topics: { topic: string; cards: number }[] }>(['stats', '--json'], place).json;
    expect(after.totals.reviews).toBeLessThan(before);
    expect(after.topics.find((topic) => topic.topic === 'Attention and its variants')?.cards ?? 0).toBe(0);
  });

  test('Anki: export a topic as TSV, import a TSV as a knowledge base whose questions can be graded', () => {
    const exported = runCli(['progress', 'export-anki', 'rag.tsv', '--topic', 'rag'], place);
    expect(exported.code).toBe(0);
    const lines = readFileSync(join(root, 'rag.tsv'), 'utf8').split('\n').filter(Boolean);
    expect(lines[0]).toBe('#separator:tab');
    for (const line of lines.slice(3)) expect(line.split('\t')).toHaveLength(3);
    expect(lines.slice(3).some((line) => line.includes('<br>'))).toBe(true);

    writeFileSync(
      join(root, 'deck.tsv'),
      [
        'What does continuous batching do?\tIt schedules per iteration: finished sequences leave the batch<br>and new requests join at once.\tserving',
        'KV cache quantisation\tStores keys and values in int8 or fp8 to cut memory.\t',
      ].join('\n'),
    );
    const imported = runCli(['progress', 'import-anki', 'deck.tsv', '--kb', 'anki'], place);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('imported 2 cards');
    expect(readdirSync(join(place.home, 'imports'))).toEqual(['anki-deck.md']);
    const listed = runCliJson<{ items: { id: string; question: string }[] }>(['questions', '--kb', 'anki', '--json'], place).json.items;
    expect(listed.map((item) => item.question)).toContain('What does continuous batching do?');
    const id = listed.find((item) => item.question.startsWith('What does continuous'))?.id as string;
    const graded = runCliJson<GradeJson>(
      ['grade', id, '--answer', 'Scheduling per iteration: finished sequences leave the batch and new requests join at once.', '--json'],
      place,
    );
    expect(graded.code).toBe(0);
    expect(graded.json.points.length).toBeGreaterThan(0);
    expect(graded.json.score).toBeGreaterThan(2);
    expect(runCli(['progress', 'import-anki', 'deck.tsv'], place).code).toBe(2);
  });
});
