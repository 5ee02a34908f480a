// The PracticeStore contract, run against every implementation (practice.db on SQLite; the team database on
// PostgreSQL, a throwaway cluster): reviews and cards written together, sessions, backup merge, undo, deletion,
// concurrent reviews of one card, and two people's stores independent of each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { lazyPgDatabases } from '../../test/support/pg-cluster.js';
import { createSharedPool, type SharedPool } from '../store/postgres/shared-pool.js';
import { createPostgresPracticeStore } from './postgres-practice-store.js';
import { openPracticeStore, type PracticeStore } from './practice-store.js';
import { buildBackup, importBackup, parseBackup } from './progress-backup.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import type { Rating } from './rating.js';
import { createScheduler, replayCard } from './scheduler.js';

/** Two people's stores on one backend (on SQLite, two files: one machine is one person). */
interface Pair {
  mine: PracticeStore;
  theirs: PracticeStore;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const databases = lazyPgDatabases('practice');
afterAll(() => databases.stop());

const implementations: [string, () => Promise<Pair>][] = [
  [
    'SQLite',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mianba-practice-'));
      const pair = { mine: openPracticeStore(join(folder, 'a.db')), theirs: openPracticeStore(join(folder, 'b.db')) };
      cleanups.push(() => {
        pair.mine.close();
        pair.theirs.close();
        rmSync(folder, { recursive: true, force: true });
      });
      return pair;
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const shared: SharedPool = createSharedPool({ url: await databases.next() });
      cleanups.push(() => shared.close());
      return { mine: createPostgresPracticeStore(() => shared.pool(), 1), theirs: createPostgresPracticeStore(() => shared.pool(), 2) };
    },
  ],
];

const scheduler = createScheduler(0.9);
const rebuild = (identity: Pick<CardRecord, 'questionId' | 'kb' | 'topic' | 'topicPath'>, history: ReviewRecord[]): CardRecord => {
  const card = replayCard(scheduler, history);
  if (!card) throw new Error('no history');
  return { ...identity, ...card };
};
let counter = 0;

function reviewOf(questionId: string, before: CardRecord | undefined, rating: Rating, at: string, sessionId?: string) {
  const next = scheduler.review(before, rating, new Date(at));
  const identity = { questionId, kb: 'builtin', topic: 'Attention', topicPath: '{"zh":"注意力","en":"Attention"}' };
  const review: ReviewRecord = {
    id: `review-${++counter}`,
    ...identity,
    ...(sessionId ? { sessionId } : {}),
    reviewedAt: at,
    rating,
    impliedRating: rating,
    score: 3.5,
    rougeL: 0.25,
    covered: 2,
    total: 4,
    hinted: false,
    durationMs: 1234,
    answer: '缓存 K 和 V',
    stateBefore: before?.state ?? 'new',
    dueAfter: next.due,
    stabilityAfter: next.stability,
    difficultyAfter: next.difficulty,
  };
  return { review, card: { ...identity, ...next } as CardRecord };
}

async function review(target: PracticeStore, questionId: string, rating: Rating, at: string, sessionId?: string): Promise<ReviewRecord> {
  const built = reviewOf(questionId, await target.card(questionId), rating, at, sessionId);
  await target.recordReview(built.review, built.card, sessionId ? { sessionId, position: 0 } : undefined);
  return built.review;
}

describe.each(implementations)('PracticeStore contract: %s', (_name, open) => {
  test('a review stores its log and the card together; logs read back exactly, oldest first', async () => {
    const { mine } = await open();
    const first = await review(mine, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    await review(mine, 'attention-mqa', 'again', '2025-03-01T09:20:00.000Z');
    const card = await mine.card('attention-mqa');
    expect(card?.reps).toBe(2);
    expect((await mine.reviews('attention-mqa')).map((entry) => entry.rating)).toEqual(['good', 'again']);
    expect((await mine.reviews())[0]).toEqual(first);
    expect(card).toEqual({
      questionId: 'attention-mqa',
      kb: 'builtin',
      topic: 'Attention',
      topicPath: card?.topicPath,
      ...replayCard(scheduler, await mine.reviews()),
    });
    expect(await mine.reviewedIds()).toEqual(['attention-mqa']);
    expect(await mine.card('never-seen')).toBeUndefined();
  });

  test('reviewCard: concurrent reviews of one card serialise, none is lost', async () => {
    const { mine } = await open();
    const at = ['2025-03-01T09:00:00.000Z', '2025-03-01T09:00:01.000Z', '2025-03-01T09:00:02.000Z', '2025-03-01T09:00:03.000Z'];
    await Promise.all(at.map((time) => mine.reviewCard('rag', (before) => reviewOf('rag', before, 'good', time))));
    expect(await mine.reviews('rag')).toHaveLength(4);
    expect((await mine.card('rag'))?.reps).toBe(4);
  });

  test('reviewCard with former ids hands build the rows of every id, read in the transaction', async () => {
    const { mine } = await open();
    await review(mine, 'old-id', 'good', '2025-03-01T09:00:00.000Z');
    const seen = await mine.reviewCard('new-id', (before, rows) => ({ ...reviewOf('new-id', before, 'good', '2025-03-02T09:00:00.000Z'), rows }), undefined, [
      'old-id',
    ]);
    expect(seen.rows?.cards.map((card) => card.questionId)).toEqual(['old-id']);
    expect(seen.rows?.reviews.map((entry) => entry.questionId)).toEqual(['old-id']);
  });

  test('sessions: items are marked as they are answered; the last open one can be resumed; a report is kept once', async () => {
    const { mine } = await open();
    await mine.createSession({
      id: 's1',
      kind: 'drill',
      createdAt: '2025-03-01T09:00:00.000Z',
      options: { n: 2 },
      items: [
        { position: 0, questionId: 'attention-mqa', status: 'pending' },
        { position: 1, questionId: 'attention-gqa', status: 'pending' },
      ],
    });
    await review(mine, 'attention-mqa', 'good', '2025-03-01T09:01:00.000Z', 's1');
    const resumed = await mine.lastOpenSession('drill');
    expect(resumed?.items.map((item) => item.status)).toEqual(['answered', 'pending']);
    expect(await mine.lastOpenSession('mock')).toBeUndefined();
    await mine.setItemStatus('s1', 1, 'skipped');
    await mine.finishSession('s1', '2025-03-01T09:05:00.000Z');
    await mine.finishSession('s1', '2025-03-01T10:00:00.000Z');
    await mine.saveSessionReport('s1', { score: 4 });
    await mine.saveSessionReport('s1', { score: 1 });
    expect(await mine.lastOpenSession('drill')).toBeUndefined();
    expect(await mine.sessions()).toEqual([
      {
        id: 's1',
        kind: 'drill',
        createdAt: '2025-03-01T09:00:00.000Z',
        finishedAt: '2025-03-01T09:05:00.000Z',
        options: { n: 2, report: { score: 4 } },
        items: [
          { position: 0, questionId: 'attention-mqa', status: 'answered' },
          { position: 1, questionId: 'attention-gqa', status: 'skipped' },
        ],
      },
    ]);
  });

  test('backup round trip: import merges, never duplicates logs, rebuilds changed cards from their whole history', async () => {
    const { mine, theirs } = await open();
    await review(mine, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    const backup = parseBackup(JSON.stringify(await buildBackup(mine, new Date('2025-03-02T00:00:00Z'))), 'backup.json');
    await review(theirs, 'attention-mqa', 'hard', '2025-03-01T12:00:00.000Z');
    await review(theirs, 'attention-gqa', 'easy', '2025-03-01T12:30:00.000Z');
    expect(await importBackup(theirs, scheduler, backup)).toMatchObject({ reviewsAdded: 1, reviewsSkipped: 0, cardsRebuilt: 1 });
    expect(await importBackup(theirs, scheduler, backup)).toMatchObject({ reviewsAdded: 0, reviewsSkipped: 1, cardsRebuilt: 0 });
    expect(await theirs.reviews()).toHaveLength(3);
    const merged = await theirs.card('attention-mqa');
    expect(merged?.reps).toBe(2);
    expect(merged?.lastReview).toBe('2025-03-01T12:00:00.000Z');
  });

  test('undo removes the newest review, rebuilds its card and reopens its session item; then the card is gone', async () => {
    const { mine } = await open();
    await mine.createSession({
      id: 's',
      kind: 'drill',
      createdAt: '2025-03-01T08:00:00.000Z',
      options: {},
      items: [{ position: 0, questionId: 'q', status: 'pending' }],
    });
    await review(mine, 'q', 'good', '2025-03-01T09:00:00.000Z');
    const second = await review(mine, 'q', 'again', '2025-03-02T09:00:00.000Z', 's');
    expect(await mine.undoLastReview(rebuild)).toEqual(second);
    expect((await mine.card('q'))?.reps).toBe(1);
    expect((await mine.sessions())[0]?.items[0]?.status).toBe('pending');
    await mine.undoLastReview(rebuild);
    expect(await mine.card('q')).toBeUndefined();
    expect(await mine.undoLastReview(rebuild)).toBeUndefined();
  });

  test('deleting questions removes their cards and logs in one go', async () => {
    const { mine } = await open();
    await review(mine, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    await review(mine, 'rag-pipeline', 'good', '2025-03-01T09:00:00.000Z');
    expect(await mine.deleteQuestions(['attention-mqa'])).toEqual({ cards: 1, reviews: 1 });
    expect((await mine.cards()).map((card) => card.questionId)).toEqual(['rag-pipeline']);
  });

  test("two people's stores are independent: nothing written to one is read, undone or deleted through the other", async () => {
    const { mine, theirs } = await open();
    await review(mine, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    await mine.createSession({ id: 'mine', kind: 'mock', createdAt: '2025-03-01T09:00:00.000Z', options: {}, items: [] });
    expect(await theirs.cards()).toEqual([]);
    expect(await theirs.reviews()).toEqual([]);
    expect(await theirs.sessions()).toEqual([]);
    expect(await theirs.card('attention-mqa')).toBeUndefined();
    expect(await theirs.undoLastReview(rebuild)).toBeUndefined();
    expect(await theirs.deleteQuestions(['attention-mqa'])).toEqual({ cards: 0, reviews: 0 });
    await theirs.finishSession('mine', '2025-03-02T00:00:00.000Z');
    expect((await mine.sessions())[0]?.finishedAt).toBeUndefined();
    expect(await mine.reviews()).toHaveLength(1);
  });
});
