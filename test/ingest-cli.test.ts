// End to end through the compiled CLI: `mianba ingest` on a folder of every format, re-runs, updates, pruning,
// globs and search over what was ingested, each run in a fresh MIANBA_HOME under a temp dir.
import { appendFileSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureQuestion, writeFormatFixtures } from './support/make-fixtures.js';
import { assertBuilt, type CliPlace, runCli, runCliJson } from './support/run-cli.js';

interface KbShow {
  summary: { name: string; documents: number; units: number; questions: number; answered: number };
  documents: { path: string; format: string; units: number; questions: number; answered: number }[];
  errors: { path: string; code: string; message: string }[];
}

interface SearchHit {
  rank: number;
  kb: string;
  path: string;
  line: number;
  question: string | null;
  topic: string[];
  text: string;
}

let root: string;
let place: CliPlace;
let fixtures: FixtureQuestion[];
const notes = (file = '') => join(root, 'notes', file);

beforeAll(async () => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-cli-')));
  place = { home: join(root, 'home'), cwd: root };
  fixtures = await writeFormatFixtures(notes());
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `mianba search --json` in one knowledge base, or in all of them (the built-in bank included) when kb is undefined. */
function search(query: string, kb: string | undefined = 'default'): SearchHit[] {
  const { code, json } = runCliJson<{ hits: SearchHit[] }>(['search', query, ...(kb ? ['--kb', kb] : []), '--json'], place);
  expect(code).toBe(0);
  return json.hits;
}

describe('ingesting a folder with every format', () => {
  it('adds each file with its question count and prints a summary line', () => {
    const { code, stdout, stderr } = runCli(['ingest', 'notes'], place);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'added     notes/alignment.docx (2 questions, 2 units)',
      'added     notes/attention.md (2 questions, 2 units)',
      'added     notes/decoding.txt (2 questions, 2 units)',
      'added     notes/lora.pdf (2 questions, 2 units)',
      'added     notes/memory.htm (1 questions, 1 units)',
      'added     notes/serving.html (1 questions, 1 units)',
    ]);
    expect(lines.at(-1)).toBe('kb "default": 6 added, 0 updated, 0 unchanged, 0 skipped, 0 failed; 10 questions in new or updated files');
  });

  it('shows the documents, units and questions in `kb show --json`', () => {
    const { code, json } = runCliJson<KbShow>(['kb', 'show', 'default', '--json'], place);
    expect(code).toBe(0);
    expect(json.summary).toEqual({ name: 'default', documents: 6, units: 10, questions: 10, answered: 10 });
    expect(Object.fromEntries(json.documents.map((document) => [document.path, document.format]))).toEqual({
      [notes('alignment.docx')]: 'docx',
      [notes('attention.md')]: 'markdown',
      [notes('decoding.txt')]: 'text',
      [notes('lora.pdf')]: 'pdf',
      [notes('memory.htm')]: 'html',
      [notes('serving.html')]: 'html',
    });
    expect(json.errors).toEqual([]);
  });

  it('finds the exact question of each format at rank 1, above the built-in bank, with path, line, topic and answer', () => {
    for (const fixture of fixtures) {
      const [first] = search(fixture.question, undefined);
      expect(first).toMatchObject({
        rank: 1,
        kb: 'default',
        path: notes(fixture.file),
        line: fixture.line,
        question: fixture.question,
        topic: [fixture.topic],
        text: fixture.answer,
      });
    }
  });

  it('prints the question, its place and the answer in plain search output', () => {
    const { code, stdout } = runCli(['search', '连续批处理解决了什么问题?', '--kb', 'default'], place);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^1\. 连续批处理解决了什么问题\? {2}(0\.9\d\d|1\.000)$/),
      '   推理服务',
      '   notes/serving.html:7 (default)',
    ]);
  });
});

describe('re-running an ingest', () => {
  it('reports every file unchanged and stores nothing twice', () => {
    const { code, stdout } = runCli(['ingest', 'notes'], place);
    expect(code).toBe(0);
    expect(stdout.match(/^unchanged /gm)).toHaveLength(6);
    expect(stdout).toContain('kb "default": 0 added, 0 updated, 6 unchanged, 0 skipped, 0 failed; 0 questions in new or updated files');
    expect(runCliJson<KbShow>(['kb', 'show', 'default', '--json'], place).json.summary.units).toBe(10);
  });

  it('updates only the file that changed and makes its new text searchable', () => {
    appendFileSync(notes('attention.md'), '\n## 什么是注意力汇聚现象?\n\n首个词元吸收了大量注意力权重,即使它本身没有语义。\n');
    const { code, stdout } = runCli(['ingest', 'notes'], place);
    expect(code).toBe(0);
    expect(stdout).toContain('updated   notes/attention.md (3 questions, 3 units)');
    expect(stdout).toContain('kb "default": 0 added, 1 updated, 5 unchanged, 0 skipped, 0 failed; 3 questions in new or updated files');
    expect(search('什么是注意力汇聚现象?')[0]).toMatchObject({
      path: notes('attention.md'),
      line: 11,
      text: '首个词元吸收了大量注意力权重,即使它本身没有语义。',
    });
    expect(runCliJson<KbShow>(['kb', 'show', 'default', '--json'], place).json.summary).toMatchObject({ documents: 6, questions: 11 });
  });

  it('removes documents whose file was deleted when asked to --prune', () => {
    rmSync(notes('memory.htm'));
    const kept = runCli(['ingest', 'notes'], place);
    expect(kept.stdout).toContain('0 added, 0 updated, 5 unchanged');
    expect(runCliJson<KbShow>(['kb', 'show', 'default', '--json'], place).json.summary.documents).toBe(6);
    const { code, stdout } = runCli(['ingest', 'notes', '--prune'], place);
    expect(code).toBe(0);
    expect(stdout).toContain('kb "default": 0 added, 0 updated, 5 unchanged, 0 skipped, 0 failed, 1 pruned;');
    expect(runCliJson<KbShow>(['kb', 'show', 'default', '--json'], place).json.summary).toMatchObject({ documents: 5, questions: 10 });
    expect(search('梯度累积能省显存吗?').some((hit) => hit.path === notes('memory.htm'))).toBe(false);
  });
});

describe('glob inputs', () => {
  it('ingests only the files a quoted glob matches, into the chosen --kb', () => {
    const { code, stdout } = runCli(['ingest', 'notes/*.md', 'notes/*.pdf', '--kb', 'globbed'], place);
    expect(code).toBe(0);
    expect(stdout).toContain('kb "globbed": 2 added, 0 updated, 0 unchanged, 0 skipped, 0 failed;');
    const { json } = runCliJson<KbShow>(['kb', 'show', 'globbed', '--json'], place);
    expect(json.documents.map((document) => document.path)).toEqual([notes('attention.md'), notes('lora.pdf')]);
    expect(search('What is LoRA?', 'globbed')[0]).toMatchObject({ kb: 'globbed', question: 'What is LoRA?' });
  });

  it('reports --json per-file outcomes for scripts', () => {
    const { code, json } = runCliJson<{ kb: string; files: { path: string; outcome: string }[]; counts: Record<string, number> }>(
      ['ingest', 'notes/*.txt', '--kb', 'globbed', '--json'],
      place,
    );
    expect(code).toBe(0);
    expect(json.kb).toBe('globbed');
    expect(json.files).toEqual([{ path: notes('decoding.txt'), outcome: 'added', units: 2, questions: 2 }]);
    expect(json.counts).toEqual({ added: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
  });
});
