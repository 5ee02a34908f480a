// End to end through the compiled CLI: bad inputs are reported one by one while the batch goes on (exit 1), a
// missing path is a usage problem (exit 2), and nothing already stored is lost on the way.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFixtures, writeBadInputs, writeFormatFixtures } from './support/make-fixtures.js';
import { assertBuilt, type CliPlace, runCli, runCliJson } from './support/run-cli.js';

interface KbShow {
  summary: { documents: number; questions: number };
  documents: { path: string }[];
  errors: { path: string; code: string; message: string }[];
}

interface IngestJson {
  files: { path: string; outcome: string; code?: string; reason?: string }[];
  counts: Record<string, number>;
}

let root: string;
let place: CliPlace;
let bad: ReturnType<typeof writeBadInputs>;
const inBad = (file: string) => join(root, 'bad', file);
const earlier = formatFixtures[1] as (typeof formatFixtures)[number];

beforeAll(async () => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-cli-bad-')));
  place = { home: join(root, 'home'), cwd: root };
  await writeFormatFixtures(join(root, 'notes'));
  bad = writeBadInputs(join(root, 'bad'));
  writeFileSync(inBad('zz-after-failures.md'), '## 批处理在坏文件之后还会继续吗?\n\n会,每个文件单独报告。\n');
  expect(runCli(['ingest', 'notes'], place).code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function kbShow(): KbShow {
  return runCliJson<KbShow>(['kb', 'show', 'default', '--json'], place).json;
}

describe('a batch with bad files', () => {
  it('reports each bad file with its reason, keeps going, and exits 1', () => {
    const { code, stdout } = runCli(['ingest', 'bad', '--max-file-mb', '0.001'], place);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'failed    bad/binary.txt: looks like a binary file (NUL or control bytes), not text',
      expect.stringMatching(/^failed {4}bad\/corrupt\.docx: corrupt or unreadable DOCX: /),
      expect.stringMatching(/^failed {4}bad\/corrupt\.pdf: corrupt or unreadable PDF: /),
      'skipped   bad/empty.md: the file is empty',
      expect.stringMatching(/^failed {4}bad\/oversize\.md: file is .* [KM]B, over the .* [KM]B limit \(raise it with --max-file-mb\)$/),
      expect.stringMatching(/^failed {4}bad\/undecodable\.txt: could not decode the bytes as UTF-8 or /),
      'added     bad/zz-after-failures.md (1 questions, 1 units)',
    ]);
    expect(lines.at(-1)).toBe('kb "default": 1 added, 0 updated, 0 unchanged, 1 skipped, 5 failed; 1 questions in new or updated files');
  });

  it('gives each failure its error code in --json', () => {
    const { code, json } = runCliJson<IngestJson>(['ingest', 'bad', '--max-file-mb', '0.001', '--json'], place);
    expect(code).toBe(1);
    expect(Object.fromEntries(json.files.map((file) => [file.path, file.code ?? file.outcome]))).toEqual({
      [inBad(bad.binary)]: 'binary_file',
      [inBad(bad.corruptDocx)]: 'parse_failed',
      [inBad(bad.corruptPdf)]: 'parse_failed',
      [inBad(bad.empty)]: 'empty_document',
      [inBad(bad.oversize)]: 'file_too_large',
      [inBad(bad.undecodable)]: 'decode_failed',
      [inBad('zz-after-failures.md')]: 'unchanged',
    });
    expect(json.counts).toEqual({ added: 0, updated: 0, unchanged: 1, skipped: 1, failed: 5 });
  });

  it('ingests the oversize file once the limit allows it', () => {
    const { stdout } = runCli(['ingest', join('bad', bad.oversize)], place);
    expect(stdout).toContain('added     bad/oversize.md (1 questions, 1 units)');
  });

  it('names the real size and limit when a file is too large', () => {
    const { stdout } = runCli(['ingest', join('bad', bad.oversize), '--max-file-mb', '0.001'], place);
    expect(stdout).toMatch(/file is 2(\.\d+)? KB, over the 1(\.\d+)? KB limit|file is 0\.002 MB, over the 0\.001 MB limit/);
    // Ingest it again within the default limit, which clears the recorded error for the next test.
    runCli(['ingest', join('bad', bad.oversize)], place);
  });

  it('lists the failures in `kb show` and keeps every earlier document searchable', () => {
    const shown = kbShow();
    expect(shown.summary.documents).toBe(8);
    expect(shown.errors.map((error) => [error.path, error.code])).toEqual([
      [inBad(bad.binary), 'binary_file'],
      [inBad(bad.corruptDocx), 'parse_failed'],
      [inBad(bad.corruptPdf), 'parse_failed'],
      [inBad(bad.empty), 'empty_document'],
      [inBad(bad.undecodable), 'decode_failed'],
    ]);
    const { json } = runCliJson<{ hits: { path: string; question: string }[] }>(['search', earlier.question, '--kb', 'default', '--json'], place);
    expect(json.hits[0]).toMatchObject({ path: join(root, 'notes', earlier.file), question: earlier.question });
  });

  it('clears a file’s error once it ingests cleanly', () => {
    writeFileSync(inBad(bad.empty), '## 空文件补上内容后会怎样?\n\n会被正常收录,错误记录随之清除。\n');
    const { stdout } = runCli(['ingest', 'bad'], place);
    expect(stdout).toContain('added     bad/empty.md (1 questions, 1 units)');
    expect(kbShow().errors.map((error) => error.path)).not.toContain(inBad(bad.empty));
  });
});

describe('a failure that replaces a stored file with a broken one', () => {
  it('keeps the stored version searchable and records the error', () => {
    const path = join(root, 'notes', earlier.file);
    writeFileSync(path, Buffer.from([0x00, 0x01, 0x02, 0x00]));
    const { code, stdout } = runCli(['ingest', 'notes'], place);
    expect(code).toBe(1);
    expect(stdout).toContain(`failed    notes/${earlier.file}: looks like a binary file`);
    const { json } = runCliJson<{ hits: { path: string; text: string }[] }>(['search', earlier.question, '--kb', 'default', '--json'], place);
    expect(json.hits[0]).toMatchObject({ path, text: earlier.answer });
    expect(kbShow().errors.map((error) => error.path)).toContain(path);
  });
});

describe('inputs that do not exist', () => {
  it('names the missing path on stderr, still ingests the rest, and exits 2', () => {
    const { code, stdout, stderr } = runCli(['ingest', 'no-such-notes.md', 'notes/*.md', 'nowhere/*.md'], place);
    expect(code).toBe(2);
    expect(stderr).toContain('mianba: no such file, folder or glob match: no-such-notes.md');
    expect(stderr).toContain('mianba: no such file, folder or glob match: nowhere/*.md');
    expect(stdout).toContain('unchanged notes/attention.md');
  });

  it('treats `mianba ingest` with nothing to ingest as a usage error (exit 2)', () => {
    const { code, stderr } = runCli(['ingest'], place);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mianba: nothing to ingest/);
  });

  it('rejects a --max-file-mb that is not a positive number (exit 2)', () => {
    const { code, stderr } = runCli(['ingest', 'notes', '--max-file-mb', 'lots'], place);
    expect(code).toBe(2);
    expect(stderr).toContain('--max-file-mb must be a number >= 0.001, got "lots"');
  });
});
