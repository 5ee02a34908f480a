// Drilling from a fresh install through the real compiled CLI (`node bin/mianba.js drill`, MIANBA_HOME in a temp
// dir) driven over stdin: answers, hint, skip, rating overrides, quit and resume; and SIGKILL after N reviews were
// printed as recorded: reopening practice.db shows exactly those reviews and cards consistent with their logs.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readBank } from '../src/bank/bank-data.js';
import { bankItem, textOf } from '../src/bank/question-item.js';
import { pickDrillQuestions } from '../src/practice/pick-questions.js';
import type { Rating } from '../src/practice/rating.js';
import { createScheduler, replayCard } from '../src/practice/scheduler.js';
import { assertBuilt, cliEnvironment, cliPath } from './support/run-cli.js';

let root: string;
beforeAll(() => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-drill-')));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The five questions a fresh install drills first (same rule as the CLI: new ones, easiest first, topics interleaved). */
function firstFive() {
  const items = readBank().bank.questions.map(bankItem);
  return pickDrillQuestions(items, new Map(), { now: new Date(), limit: 5, newLimit: 5 }).map((entry) => entry.item);
}

interface Drill {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  recorded: () => number;
  exited: Promise<number | null>;
  waitFor: (predicate: () => boolean, what: string) => Promise<void>;
}

function startDrill(home: string, args: string[]): Drill {
  const child = spawn(process.execPath, [cliPath, 'drill', ...args], { cwd: root, env: cliEnvironment(home), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const waitFor = async (predicate: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!predicate()) {
      if (done && !predicate()) throw new Error(`drill exited before ${what}:\n${out}\n${err}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${out}\n${err}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { child, stdout: () => out, recorded: () => out.split('recorded: ').length - 1, exited, waitFor };
}

interface LogRow {
  question_id: string;
  rating: Rating;
  reviewed_at: string;
  hinted: number;
  session_id: string;
}

function readPractice(home: string) {
  const db = new Database(join(home, 'practice.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return {
      logs: db.prepare('SELECT question_id, rating, reviewed_at, hinted, session_id FROM review_logs ORDER BY reviewed_at').all() as LogRow[],
      cards: db.prepare('SELECT * FROM cards').all() as Record<string, unknown>[],
      items: db.prepare('SELECT question_id, status FROM session_items ORDER BY position').all() as { question_id: string; status: string }[],
      sessions: db.prepare('SELECT id, finished_at FROM sessions').all() as { id: string; finished_at: string | null }[],
    };
  } finally {
    db.close();
  }
}

/** Every card equals what its logs replay to, and has as many reps as logs. */
function expectCardsConsistent(home: string): void {
  const { logs, cards } = readPractice(home);
  const scheduler = createScheduler(0.9);
  expect(new Set(cards.map((card) => card.question_id))).toEqual(new Set(logs.map((log) => log.question_id)));
  for (const card of cards) {
    const history = logs.filter((log) => log.question_id === card.question_id).map((log) => ({ rating: log.rating, reviewedAt: log.reviewed_at }));
    const replayed = replayCard(scheduler, history);
    expect(card.reps).toBe(history.length);
    expect({ due: card.due, state: card.state, reps: card.reps, lapses: card.lapses, last_review: card.last_review }).toEqual({
      due: replayed?.due,
      state: replayed?.state,
      reps: replayed?.reps,
      lapses: replayed?.lapses,
      last_review: replayed?.lastReview,
    });
    expect(card.stability).toBeCloseTo(replayed?.stability ?? -1, 9);
  }
}

describe('mianba drill from the terminal', () => {
  test('5 questions on a fresh install: answer, hint, skip, rating override, quit; then --resume finishes', async () => {
    const home = join(root, 'home-e2e');
    const questions = firstFive();
    expect(questions).toHaveLength(5);
    const [first, second, , fourth, fifth] = questions;
    const reference = textOf(first?.answer ?? '', 'zh')
      .split('\n')
      .slice(0, 4)
      .join('\n');
    const script = [
      ...reference.split('\n'),
      '',
      '',
      'hint',
      'I only remember part of it.',
      '.',
      '4',
      'skip',
      'no idea at all, sorry, something about cats',
      '',
      '1',
      'quit',
      '',
    ].join('\n');
    const drill = startDrill(home, ['--n', '5']);
    drill.child.stdin.end(script);
    expect(await drill.exited).toBe(0);
    const out = drill.stdout();
    for (const question of questions.slice(0, 5)) expect(out).toContain(` · ${question.id} · new`);
    expect(out).toMatch(/score \d\.\d\/5/);
    expect(out).toMatch(/提示 1\/\d: /);
    expect(out).toContain('(hint: capped at Hard)');
    expect(out).toContain('recorded: Hard');
    expect(out).toContain('recorded: Again');
    expect(out).toContain('skipped');
    expect(out).toContain('参考答案 — bank/chapters/');
    expect(out).toContain('1 left: continue with mianba drill --resume');
    expect(drill.recorded()).toBe(3);

    const afterFirst = readPractice(home);
    expect(afterFirst.logs.map((log) => [log.question_id, log.rating, log.hinted])).toEqual([
      [first?.id, expect.stringMatching(/good|easy/), 0],
      [second?.id, 'hard', 1],
      [fourth?.id, 'again', 0],
    ]);
    expect(afterFirst.items.map((item) => item.status)).toEqual(['answered', 'answered', 'skipped', 'answered', 'pending']);
    expectCardsConsistent(home);

    const resumed = startDrill(home, ['--resume']);
    resumed.child.stdin.end(['An answer typed later,', 'over two lines.', '', '3', ''].join('\n'));
    expect(await resumed.exited).toBe(0);
    expect(resumed.stdout()).toContain('resuming: 1 question');
    expect(resumed.stdout()).toContain(` · ${fifth?.id} · new`);
    expect(resumed.stdout()).toContain('recorded: Good');
    const final = readPractice(home);
    expect(final.logs).toHaveLength(4);
    expect(final.sessions.every((session) => session.finished_at !== null)).toBe(true);
    expectCardsConsistent(home);

    const nothing = startDrill(home, ['--resume']);
    nothing.child.stdin.end();
    expect(await nothing.exited).toBe(0);
    expect(nothing.stdout()).toContain('no unfinished drill session to resume');
  });

  for (const reviewsBeforeKill of [1, 3]) {
    test(`SIGKILL after ${reviewsBeforeKill} recorded review(s), mid-answer: the recorded reviews are all there, cards consistent`, async () => {
      const home = join(root, `home-kill-${reviewsBeforeKill}`);
      const drill = startDrill(home, ['--n', '5']);
      for (let index = 0; index < reviewsBeforeKill; index++) {
        await drill.waitFor(() => drill.stdout().split('\n> ').length - 1 > index || drill.stdout().endsWith('> '), `question ${index + 1}`);
        drill.child.stdin.write(`answer number ${index + 1} about attention, softmax and the KV cache\n\n${index % 2 === 0 ? '' : '2'}\n`);
        await drill.waitFor(() => drill.recorded() === index + 1, `review ${index + 1} recorded`);
      }
      drill.child.stdin.write('half of an answer that is still being typed\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(drill.child.kill('SIGKILL')).toBe(true);
      await drill.exited;

      const { logs, items } = readPractice(home);
      expect(logs).toHaveLength(reviewsBeforeKill);
      expect(logs.map((log) => log.rating)).toEqual(
        Array.from({ length: reviewsBeforeKill }, (_, index) => (index % 2 === 0 ? expect.stringMatching(/again|hard|good|easy/) : 'hard')),
      );
      expect(items.filter((item) => item.status === 'answered')).toHaveLength(reviewsBeforeKill);
      expect(items.filter((item) => item.status === 'pending')).toHaveLength(5 - reviewsBeforeKill);
      expectCardsConsistent(home);

      const resumed = startDrill(home, ['--resume']);
      resumed.child.stdin.end('quit\n');
      expect(await resumed.exited).toBe(0);
      expect(resumed.stdout()).toContain(`resuming: ${5 - reviewsBeforeKill} question`);
    });
  }
});
