// Kill -9 during `mianba ingest` at exact points of writing a document: before anything is stored, after the big
// file is parsed and before its transaction, inside its transaction (every row written, not committed), and right
// after it commits. The child announces each point (src/core/write-points.ts, through test/support/kill-point.mjs)
// and freezes there until the parent kills it, so no kill depends on timing. Whatever the point, every stored
// document is whole (all the units a full parse gives, each with its vector and full-text row) or absent, and a
// re-run completes the knowledge base. Each test has its own home and its own copy of the notes.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritePoint } from '../src/core/write-points.js';
import { parseDocument } from '../src/ingest/parse-document.js';
import { largeMarkdown } from './support/make-fixtures.js';
import { assertBuilt, type CliPlace, cliEnvironment, cliPath, runCli } from './support/run-cli.js';

/** Enough questions for many embedding batches and a multi-megabyte transaction; the points do not depend on size. */
const bigQuestions = 3_000;
const timeoutMs = 240_000;
const killPointModule = fileURLToPath(new URL('./support/kill-point.mjs', import.meta.url));
const files = ['a-small.md', 'b-big.md', 'c-small.md'] as const;

let root: string;
let fixture: string;
/** Units a full parse of each fixture file gives, by file name. */
const expectedUnits = new Map<string, number>();

interface StoredDocument {
  file: string;
  units: number;
  vectors: number;
  ftsRows: number;
}

beforeAll(async () => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-kill-')));
  fixture = join(root, 'fixture');
  mkdirSync(fixture);
  writeFileSync(join(fixture, 'a-small.md'), largeMarkdown(3, 'a'));
  writeFileSync(join(fixture, 'b-big.md'), largeMarkdown(bigQuestions, 'big'));
  writeFileSync(join(fixture, 'c-small.md'), largeMarkdown(3, 'c'));
  for (const file of files) expectedUnits.set(file, await unitsOfFullParse(join(fixture, file)));
}, timeoutMs);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function unitsOfFullParse(path: string): Promise<number> {
  return (await parseDocument(path, 'markdown', readFileSync(path))).units.length;
}

/** A new home and a private copy of the notes for one test. */
function freshPlace(name: string): CliPlace & { notes: string } {
  const cwd = join(root, name);
  cpSync(fixture, join(cwd, 'notes'), { recursive: true });
  return { home: join(cwd, 'home'), cwd, notes: join(cwd, 'notes') };
}

/** Opens the knowledge base as the next mianba run would (recovering the WAL) and counts what each document holds. */
function storedDocuments(place: CliPlace): StoredDocument[] {
  const file = join(place.home, 'kb', 'default.db');
  if (!existsSync(file)) return [];
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'documents'").get()) return [];
    const rows = db
      .prepare(
        `SELECT d.path,
                (SELECT COUNT(*) FROM units u WHERE u.document_id = d.id) AS units,
                (SELECT COUNT(*) FROM unit_vectors v JOIN units u ON u.id = v.unit_id WHERE u.document_id = d.id) AS vectors,
                (SELECT COUNT(*) FROM units_fts WHERE rowid IN (SELECT id FROM units u WHERE u.document_id = d.id)) AS ftsRows
         FROM documents d ORDER BY d.path`,
      )
      .all() as (Omit<StoredDocument, 'file'> & { path: string })[];
    return rows.map(({ path, ...counts }) => ({ file: path.slice(path.lastIndexOf('/') + 1), ...counts }));
  } finally {
    db.close();
  }
}

/** Every stored document holds exactly one of the allowed unit counts, with a vector and a full-text row each. */
function expectWholeOrAbsent(place: CliPlace, allowed: (file: string) => number[] = (file) => [expectedUnits.get(file) ?? -1]): StoredDocument[] {
  const documents = storedDocuments(place);
  for (const document of documents) {
    expect(allowed(document.file), `${document.file} holds ${document.units} units`).toContain(document.units);
    expect(document.vectors).toBe(document.units);
    expect(document.ftsRows).toBe(document.units);
  }
  return documents;
}

/**
 * Runs `mianba ingest notes` with the kill point preloaded, waits for the child to announce that it reached `point`
 * for `file` (it freezes there) and SIGKILLs it by its pid. Resolves with what the CLI had printed before the point.
 */
function ingestKilledAt(place: CliPlace & { notes: string }, point: WritePoint, file: string): Promise<string> {
  const marker = `KILL-POINT ${point} ${join(place.notes, file)}`;
  const child = spawn(process.execPath, ['--import', killPointModule, cliPath, 'ingest', 'notes'], {
    cwd: place.cwd,
    env: { ...cliEnvironment(place.home), MIANBA_KILL_AT: `${point} ${join(place.notes, file)}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let killed = false;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!killed && stdout.includes(marker)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (killed && signal === 'SIGKILL') resolve(stdout.slice(0, stdout.indexOf(marker)));
      else reject(new Error(`ingest never reached "${marker}" (exit ${code ?? signal}):\n${stdout}\n${stderr}`));
    });
  });
}

function rerunCompletes(place: CliPlace): void {
  const { code, stdout } = runCli(['ingest', 'notes'], place);
  expect(code).toBe(0);
  expect(stdout).toMatch(/(added|unchanged) +notes\/b-big\.md/);
  expect(expectWholeOrAbsent(place).map((document) => document.file)).toEqual([...files]);
}

describe('a kill during a first ingest leaves every document whole or absent, and a re-run completes it', () => {
  /** Kill point, the file it is reached for, and which files are stored after the kill. */
  const killPoints: [string, WritePoint, string, string[]][] = [
    ['before anything is stored', 'parsed', 'a-small.md', []],
    ['after the big file is parsed, before its transaction', 'parsed', 'b-big.md', ['a-small.md']],
    ['inside the big file’s transaction, every row written', 'in-transaction', 'b-big.md', ['a-small.md']],
    ['right after the big file’s transaction commits', 'committed', 'b-big.md', ['a-small.md', 'b-big.md']],
  ];

  it.each(killPoints)(
    'kill -9 %s',
    async (name, point, file, stored) => {
      const place = freshPlace(name.replace(/\W+/g, '-'));
      const printed = await ingestKilledAt(place, point, file);
      expect(printed).not.toContain(file);
      expect(expectWholeOrAbsent(place).map((document) => document.file)).toEqual(stored);
      rerunCompletes(place);
    },
    timeoutMs,
  );
});

describe('a kill during an update', () => {
  it(
    'keeps the old version whole when the update of the big file is killed inside its transaction, then stores the new one',
    async () => {
      const place = freshPlace('update');
      expect(runCli(['ingest', 'notes'], place).code).toBe(0);
      const before = expectedUnits.get('b-big.md') ?? -1;
      const big = join(place.notes, 'b-big.md');
      appendFileSync(big, `\n${largeMarkdown(40, 'update').split('\n').slice(1).join('\n')}`);
      const after = await unitsOfFullParse(big);
      expect(after).toBe(before + 40);
      await ingestKilledAt(place, 'in-transaction', 'b-big.md');
      const allowed = (file: string) => (file === 'b-big.md' ? [before] : [expectedUnits.get(file) ?? -1]);
      expect(expectWholeOrAbsent(place, allowed).map((document) => document.file)).toEqual([...files]);
      expect(runCli(['ingest', 'notes'], place).code).toBe(0);
      expect(expectWholeOrAbsent(place, (file) => (file === 'b-big.md' ? [after] : [expectedUnits.get(file) ?? -1]))).toHaveLength(3);
    },
    timeoutMs,
  );
});
