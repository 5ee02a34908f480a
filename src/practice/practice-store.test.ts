import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openPracticeStore, type PracticeStore } from './practice-store.js';
import { buildBackup, parseBackup } from './progress-backup.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import type { Rating } from './rating.js';
import { createScheduler } from './scheduler.js';

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
async function review(target: PracticeStore, questionId: string, rating: Rating, at: string, sessionId?: string): Promise<ReviewRecord> {
  const before = await target.card(questionId);
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
  await target.recordReview(record, card, sessionId ? { sessionId, position: 0 } : undefined);
  return record;
}

describe('practice store', () => {
  test('opens with WAL and synchronous=FULL and migrates by user_version', () => {
    const db = new Database(join(folder, 'practice.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });

  test('review logs are append-only in the file itself', async () => {
    await review(store, 'attention-mqa', 'good', '2025-03-01T09:00:00.000Z');
    const db = new Database(join(folder, 'practice.db'));
    expect(() => db.prepare("UPDATE review_logs SET rating = 'easy'").run()).toThrow(/append-only/);
    db.close();
  });

  test('an invalid backup names the bad field', async () => {
    const bad = { ...(await buildBackup(store, new Date())), reviews: [{ id: 'x', rating: 'great' }] };
    expect(() => parseBackup(JSON.stringify(bad), 'b.json')).toThrow(/reviews\.0\./);
    expect(() => parseBackup('{', 'b.json')).toThrow(/not JSON/);
  });
});
