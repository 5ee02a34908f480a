import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openPracticeStore, type PracticeStore } from './practice-store.js';
import { buildBackup, importBackup, parseBackup } from './progress-backup.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import type { Rating } from './rating.js';
import { createScheduler, replayCard } from './scheduler.js';

const scheduler = createScheduler(0.9);
let folder: string;
let store: PracticeStore;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'mianba-practice-'));
  store = openPracticeStore(join(folder, 'practice.db'));
});
afterEach(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

let counter = 0;
function review(target: PracticeStore, questionId: string, rating: Rating, at: string, sessionId?: string): ReviewRecord {
  const before = target.card(questionId);
  const next = scheduler.review(before, rating, new Date(at));
  const identity = { questionId, kb: 'builtin', topic: 'Attention', topicPath: '{"zh":"注意力","en":"Attention"}' };
  const record: ReviewRecord = {
    id: `review-${++counter}`,
    ...identity,
    ...(sessionId ? { sessionId } : {}),
    reviewedAt: at,
    rating,
    impliedRating: rating,
    score: 3,
    rougeL: 0.2,
    covered: 2,
    total: 4,
    hinted: false,
    stateBefore: before?.state ?? 'new',
    dueAfter: next.due,
    stabilityAfter: next.stability,
    difficultyAfter: next.difficulty,
  };
  const card: CardRecord = { ...identity, ...next };
  target.recordReview(record, card, sessionId ? { sessionId, position: 0 } : undefined);
  return record;
}

describe('practice store', () => {
  test('opens with WAL and synchronous=FULL and migrates by user_version', () => {
    const db = new Database(join(folder, 'practice.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });

  test('a review stores its log and the card together; logs are append-only', () => {
    review(store, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    review(store, 'attention-mqa', 'again', '2025-03-01T09:20:00.000Z');
    const card = store.card('attention-mqa');
    expect(card?.reps).toBe(2);
    expect(store.reviews('attention-mqa').map((entry) => entry.rating)).toEqual(['good', 'again']);
    expect(card).toEqual({
      questionId: 'attention-mqa',
      kb: 'builtin',
      topic: 'Attention',
      topicPath: card?.topicPath,
      ...replayCard(scheduler, store.reviews()),
    });
    const db = new Database(join(folder, 'practice.db'));
    expect(() => db.prepare("UPDATE review_logs SET rating = 'easy'").run()).toThrow(/append-only/);
    db.close();
  });

  test('sessions: items are marked as they are answered; the last open one can be resumed', () => {
    store.createSession({
      id: 's1',
      kind: 'drill',
      createdAt: '2025-03-01T09:00:00.000Z',
      options: { n: 2 },
      items: [
        { position: 0, questionId: 'attention-mqa', status: 'pending' },
        { position: 1, questionId: 'attention-gqa', status: 'pending' },
      ],
    });
    review(store, 'attention-mqa', 'good', '2025-03-01T09:01:00.000Z', 's1');
    const open = store.lastOpenSession('drill');
    expect(open?.items.map((item) => item.status)).toEqual(['answered', 'pending']);
    store.setItemStatus('s1', 1, 'skipped');
    store.finishSession('s1', '2025-03-01T09:05:00.000Z');
    expect(store.lastOpenSession('drill')).toBeUndefined();
    expect(store.sessions()[0]?.finishedAt).toBe('2025-03-01T09:05:00.000Z');
  });

  test('backup round trip: import merges, never duplicates logs, rebuilds changed cards from their whole history', () => {
    review(store, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    const backup = parseBackup(JSON.stringify(buildBackup(store, new Date('2025-03-02T00:00:00Z'))), 'backup.json');
    const other = openPracticeStore(join(folder, 'other.db'));
    try {
      review(other, 'attention-mqa', 'hard', '2025-03-01T12:00:00.000Z');
      review(other, 'attention-gqa', 'easy', '2025-03-01T12:30:00.000Z');
      const first = importBackup(other, scheduler, backup);
      expect(first).toMatchObject({ reviewsAdded: 1, reviewsSkipped: 0, cardsRebuilt: 1 });
      const again = importBackup(other, scheduler, backup);
      expect(again).toMatchObject({ reviewsAdded: 0, reviewsSkipped: 1, cardsRebuilt: 0 });
      expect(other.reviews()).toHaveLength(3);
      const merged = other.card('attention-mqa');
      expect(merged?.reps).toBe(2);
      expect(merged?.lastReview).toBe('2025-03-01T12:00:00.000Z');
      const fresh = openPracticeStore(join(folder, 'fresh.db'));
      importBackup(fresh, scheduler, buildBackup(other, new Date()));
      expect(fresh.cards()).toEqual(other.cards());
      expect(fresh.reviews()).toEqual(other.reviews());
      fresh.close();
    } finally {
      other.close();
    }
  });

  test('an invalid backup names the bad field', () => {
    const bad = { ...buildBackup(store, new Date()), reviews: [{ id: 'x', rating: 'great' }] };
    expect(() => parseBackup(JSON.stringify(bad), 'b.json')).toThrow(/reviews\.0\./);
    expect(() => parseBackup('{', 'b.json')).toThrow(/not JSON/);
  });

  test('deleting questions removes their cards and logs in one go', () => {
    review(store, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    review(store, 'rag-pipeline', 'good', '2025-03-01T09:00:00.000Z');
    expect(store.deleteQuestions(['attention-mqa'])).toEqual({ cards: 1, reviews: 1 });
    expect(store.cards().map((card) => card.questionId)).toEqual(['rag-pipeline']);
  });
});
