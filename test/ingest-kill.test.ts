// Kill -9 during `mianba ingest`: at start-up, while the big file is parsed, while its transaction is written,
// while SQLite checkpoints it, and after it. Whatever the moment, every stored document is whole (all the units a
// full parse gives, each with its vector and full-text row) or absent, and a re-run completes the knowledge base.
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../src/ingest/parse-document.js';
import { largeMarkdown } from './support/make-fixtures.js';
import { assertBuilt, type CliPlace, runCli, startCli } from './support/run-cli.js';

/** About 3 MB of Markdown: the big file takes seconds to parse, index and write, so kills can land inside it. */
const bigQuestions = 12_000;
const timeoutMs = 240_000;

let root: string;
const notes = (file: string) => join(root, 'notes', file);
const expectedUnits = new Map<string, number>();

interface StoredDocument {
  path: string;
  units: number;
  vectors: number;
  ftsRows: number;
}

interface KillState {
  elapsedMs: number;
  stdout: string;
  /** Milliseconds since the first small file was reported, once it has been. */
  sinceSmallFileMs: number | undefined;
  /** The WAL was written after the first small file was reported: the big file's transaction is under way. */
  walWrittenAfterSmallFile: boolean;
  databaseBytes: number;
}

interface KillResult {
  killed: boolean;
  /** What the CLI had reported when it was killed. */
  stdout: string;
}

beforeAll(async () => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-kill-')));
  mkdirSync(join(root, 'notes'));
  writeFileSync(notes('a-small.md'), largeMarkdown(3, 'a'));
  writeFileSync(notes('b-big.md'), largeMarkdown(bigQuestions, 'big'));
  writeFileSync(notes('c-small.md'), largeMarkdown(3, 'c'));
  for (const file of ['a-small.md', 'b-big.md', 'c-small.md']) await rememberFullParse(file);
  expect(statSync(notes('b-big.md')).size).toBeGreaterThan(3_000_000);
}, timeoutMs);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function rememberFullParse(file: string): Promise<number> {
  const units = (await parseDocument(notes(file), 'markdown', readFileSync(notes(file)))).units.length;
  expectedUnits.set(notes(file), units);
  return units;
}

const parsingPoint = 'while the big file is parsed and indexed';
const writingPoint = 'while the big file’s transaction is written';

/** Each kill point ingests into its own MIANBA_HOME; the re-run tests continue in the home of `writingPoint`. */
function placeFor(point: string): CliPlace {
  return { home: join(root, `home-${point.replace(/\W+/g, '-')}`), cwd: root };
}

/** Opens the knowledge base as the next mianba run would (recovering the WAL) and counts what each document holds. */
function storedDocuments(place: CliPlace): StoredDocument[] {
  const file = join(place.home, 'kb', 'default.db');
  if (!existsSync(file)) return [];
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'documents'").get()) return [];
    return db
      .prepare(
        `SELECT d.path,
                (SELECT COUNT(*) FROM units u WHERE u.document_id = d.id) AS units,
                (SELECT COUNT(*) FROM unit_vectors v JOIN units u ON u.id = v.unit_id WHERE u.document_id = d.id) AS vectors,
                (SELECT COUNT(*) FROM units_fts WHERE rowid IN (SELECT id FROM units u WHERE u.document_id = d.id)) AS ftsRows
         FROM documents d ORDER BY d.path`,
      )
      .all() as StoredDocument[];
  } finally {
    db.close();
  }
}

function expectWholeOrAbsent(place: CliPlace, allowed: (path: string) => number[] = (path) => [expectedUnits.get(path) ?? -1]): StoredDocument[] {
  const documents = storedDocuments(place);
  for (const document of documents) {
    expect(allowed(document.path), `${document.path} holds ${document.units} units`).toContain(document.units);
    expect(document.vectors).toBe(document.units);
    expect(document.ftsRows).toBe(document.units);
  }
  return documents;
}

function fileSignature(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

/** Runs `mianba ingest notes` and SIGKILLs it (by its pid) the first time `shouldKill` holds. */
function ingestUntil(place: CliPlace, shouldKill: (state: KillState) => boolean): Promise<KillResult> {
  const wal = join(place.home, 'kb', 'default.db-wal');
  const database = join(place.home, 'kb', 'default.db');
  const child: ChildProcess = startCli(['ingest', 'notes'], place);
  const started = performance.now();
  let stdout = '';
  let walAfterSmallFile: string | undefined;
  let smallFileAt: number | undefined;
  let killedWith: string | undefined;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (killedWith !== undefined) return;
      const now = performance.now();
      if (smallFileAt === undefined && stdout.includes('a-small.md')) {
        smallFileAt = now;
        walAfterSmallFile = fileSignature(wal);
      }
      const state: KillState = {
        elapsedMs: now - started,
        stdout,
        sinceSmallFileMs: smallFileAt === undefined ? undefined : now - smallFileAt,
        walWrittenAfterSmallFile: walAfterSmallFile !== undefined && fileSignature(wal) !== walAfterSmallFile,
        databaseBytes: existsSync(database) ? statSync(database).size : 0,
      };
      if (!shouldKill(state)) return;
      killedWith = stdout;
      child.kill('SIGKILL');
    };
    const poll = setInterval(check, 2);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      check();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve({ killed: signal === 'SIGKILL', stdout: killedWith ?? stdout });
    });
  });
}

const landed: { point: string; midFile: boolean }[] = [];
const reported = (result: KillResult, file: string) => result.stdout.includes(file);

describe('a kill during a first ingest leaves every document whole or absent', () => {
  /** Kill point, when to kill, and whether the big file can already be committed then. */
  const killPoints: [string, (state: KillState) => boolean, 'absent' | 'stored'][] = [
    ['at start-up', (state) => state.elapsedMs >= 100, 'absent'],
    [parsingPoint, (state) => (state.sinceSmallFileMs ?? 0) >= 300, 'absent'],
    [writingPoint, (state) => state.walWrittenAfterSmallFile, 'absent'],
    ['while SQLite checkpoints the big file into the database', (state) => state.databaseBytes > 2 ** 20, 'stored'],
    ['right after the big file is reported', (state) => state.stdout.includes('b-big.md'), 'stored'],
  ];

  it.each(killPoints)(
    'kill -9 %s',
    async (point, shouldKill, big) => {
      const place = placeFor(point);
      const result = await ingestUntil(place, shouldKill);
      expect(result.killed).toBe(true);
      const paths = expectWholeOrAbsent(place).map((document) => document.path);
      landed.push({ point, midFile: reported(result, 'a-small.md') && !reported(result, 'b-big.md') });
      if (reported(result, 'a-small.md')) expect(paths).toContain(notes('a-small.md'));
      if (big === 'absent') expect(paths).not.toContain(notes('b-big.md'));
      else expect(paths).toContain(notes('b-big.md'));
    },
    timeoutMs,
  );

  it('landed at least one kill in the middle of the big file', () => {
    expect(landed.filter((kill) => kill.midFile).map((kill) => kill.point)).toEqual(
      expect.arrayContaining([parsingPoint, writingPoint, 'while SQLite checkpoints the big file into the database']),
    );
  });
});

describe('re-running after a kill', () => {
  it(
    'completes the knowledge base with every file whole',
    async () => {
      const place = placeFor(writingPoint);
      const { code, stdout } = runCli(['ingest', 'notes'], place);
      expect(code).toBe(0);
      expect(stdout).toMatch(/(added|unchanged) +notes\/a-small\.md/);
      expect(stdout).toContain(`added     notes/b-big.md (${bigQuestions} questions, ${bigQuestions} units)`);
      const documents = expectWholeOrAbsent(place);
      expect(documents.map((document) => document.path)).toEqual(['a-small.md', 'b-big.md', 'c-small.md'].map(notes));
    },
    timeoutMs,
  );

  it(
    'keeps the old version whole when an update of the big file is killed mid-transaction, then stores the new one',
    async () => {
      const place = placeFor(writingPoint);
      const before = expectedUnits.get(notes('b-big.md')) ?? -1;
      appendFileSync(notes('b-big.md'), `\n${largeMarkdown(40, 'update').split('\n').slice(1).join('\n')}`);
      const after = await rememberFullParse('b-big.md');
      expect(after).toBe(before + 40);
      const result = await ingestUntil(place, (state) => state.walWrittenAfterSmallFile);
      expect(result.killed).toBe(true);
      const allowed = (path: string) => (path === notes('b-big.md') ? [before, after] : [expectedUnits.get(path) ?? -1]);
      const interrupted = expectWholeOrAbsent(place, allowed).find((document) => document.path === notes('b-big.md'));
      expect(interrupted?.units, 'the kill landed inside the update transaction, so the old version stays').toBe(before);
      expect(runCli(['ingest', 'notes'], place).code).toBe(0);
      expect(expectWholeOrAbsent(place).find((document) => document.path === notes('b-big.md'))?.units).toBe(after);
    },
    timeoutMs,
  );
});
