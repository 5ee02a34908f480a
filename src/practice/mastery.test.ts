import { describe, expect, test } from 'vitest';
import { cardMastery, countDue, isDue, recentQuality } from './mastery.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import type { Rating } from './rating.js';
import { createScheduler, replayCard } from './scheduler.js';

const scheduler = createScheduler(0.9);
const start = new Date('2025-03-01T10:00:00Z');
const minutesLater = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

/** Replays reviews 10 minutes apart and returns the card's mastery 10 minutes after the last one. */
function masteryAfter(reviews: { rating: Rating; score: number }[]): number {
  const logs = reviews.map(
    (review, index): ReviewRecord => ({
      id: `r${index}`,
      questionId: 'q',
      kb: 'builtin',
      topic: 't',
      topicPath: '""',
      reviewedAt: minutesLater(index * 10).toISOString(),
      rating: review.rating,
      impliedRating: review.rating,
      score: review.score,
      rougeL: 0,
      covered: 0,
      total: 4,
      hinted: false,
      stateBefore: 'new',
      dueAfter: start.toISOString(),
      stabilityAfter: 1,
      difficultyAfter: 5,
    }),
  );
  const data = replayCard(scheduler, logs);
  if (!data) throw new Error('no card');
  const card: CardRecord = { questionId: 'q', kb: 'builtin', topic: 't', topicPath: '""', ...data };
  return cardMastery(card, logs, scheduler.retrievability(card, minutesLater(reviews.length * 10)));
}

describe('mastery', () => {
  test('three "不知道" reviews (score 0, Again) leave mastery at 0', () => {
    expect(masteryAfter(Array.from({ length: 3 }, () => ({ rating: 'again' as const, score: 0 })))).toBe(0);
  });

  test('a failed review after good ones drops mastery to 0', () => {
    expect(
      masteryAfter([
        { rating: 'good', score: 4 },
        { rating: 'good', score: 4.5 },
        { rating: 'again', score: 0.5 },
      ]),
    ).toBe(0);
  });

  test('rises only with good reviews: each good review after a failure raises it, a hard one does not reach the good level', () => {
    const failedThenGood = [
      masteryAfter([{ rating: 'again', score: 0 }]),
      masteryAfter([
        { rating: 'again', score: 0 },
        { rating: 'good', score: 4 },
      ]),
      masteryAfter([
        { rating: 'again', score: 0 },
        { rating: 'good', score: 4 },
        { rating: 'good', score: 4.5 },
      ]),
    ];
    expect(failedThenGood[0]).toBe(0);
    expect(failedThenGood[1]).toBeGreaterThan(failedThenGood[0] as number);
    expect(failedThenGood[2]).toBeGreaterThan(failedThenGood[1] as number);
    const hard = masteryAfter([{ rating: 'hard', score: 2 }]);
    const good = masteryAfter([{ rating: 'good', score: 4 }]);
    expect(hard).toBeLessThan(0.5);
    expect(good).toBeGreaterThan(hard);
    expect(good).toBeLessThanOrEqual(1);
  });

  test('recent quality weighs the newest review most and ignores reviews older than the last three', () => {
    expect(recentQuality([])).toBeUndefined();
    const old = { rating: 'again' as const, score: 0 };
    const fine = { rating: 'easy' as const, score: 5 };
    expect(recentQuality([old, fine, fine, fine])).toBe(1);
    expect(recentQuality([fine, fine, old])).toBeLessThan(recentQuality([old, fine, fine]) as number);
  });

  test('due: reviewed cards whose time has come, among the questions still in the bank; new cards are never due', () => {
    const now = new Date('2025-03-10T00:00:00Z');
    const base = {
      kb: 'builtin',
      topic: 't',
      topicPath: '""',
      stability: 1,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 1,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
    };
    const cards: CardRecord[] = [
      { ...base, questionId: 'a', due: '2025-03-09T00:00:00Z', state: 'review' },
      { ...base, questionId: 'b', due: '2025-03-11T00:00:00Z', state: 'review' },
      { ...base, questionId: 'c', due: '2025-03-01T00:00:00Z', state: 'new' },
      { ...base, questionId: 'gone', due: '2025-03-01T00:00:00Z', state: 'review' },
    ];
    expect(cards.map((card) => isDue(card, now))).toEqual([true, false, false, true]);
    expect(countDue(['a', 'b', 'c'], cards, now)).toBe(1);
  });
});
