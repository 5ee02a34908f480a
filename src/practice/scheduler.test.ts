import { describe, expect, test } from 'vitest';
import { capRating, parseRating, ratingForScore } from './rating.js';
import { createScheduler, replayCard } from './scheduler.js';

const start = new Date('2025-03-01T09:00:00Z');
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('FSRS scheduler', () => {
  const scheduler = createScheduler(0.9);

  test('a new card goes to learning, Good moves it towards review, Again lapses it', () => {
    const first = scheduler.review(undefined, 'good', start);
    expect(first.state).toBe('learning');
    expect(first.reps).toBe(1);
    expect(Date.parse(first.due)).toBeGreaterThan(start.getTime());
    const second = scheduler.review(first, 'good', later(15));
    expect(second.state).toBe('review');
    const third = scheduler.review(second, 'again', new Date(Date.parse(second.due)));
    expect(third.state).toBe('relearning');
    expect(third.lapses).toBe(1);
  });

  test('Easy schedules further out than Hard', () => {
    const hard = scheduler.review(undefined, 'hard', start);
    const easy = scheduler.review(undefined, 'easy', start);
    expect(Date.parse(easy.due)).toBeGreaterThan(Date.parse(hard.due));
  });

  test('a higher desired retention schedules reviews sooner', () => {
    const strict = createScheduler(0.97);
    const loose = createScheduler(0.8);
    const reviewed = (s: typeof strict) => s.review(s.review(undefined, 'good', start), 'good', later(15));
    expect(Date.parse(reviewed(strict).due)).toBeLessThan(Date.parse(reviewed(loose).due));
  });

  test('replaying the review history reproduces the card (fuzz is off)', () => {
    const history = [
      { rating: 'good' as const, reviewedAt: start.toISOString() },
      { rating: 'hard' as const, reviewedAt: later(20).toISOString() },
      { rating: 'easy' as const, reviewedAt: later(60 * 24 * 3).toISOString() },
    ];
    let card = scheduler.review(undefined, 'good', start);
    card = scheduler.review(card, 'hard', later(20));
    card = scheduler.review(card, 'easy', later(60 * 24 * 3));
    expect(replayCard(scheduler, [...history].reverse())).toEqual(card);
    expect(replayCard(scheduler, [])).toBeUndefined();
  });

  test('retrievability is 1 right after a review and decays', () => {
    const card = scheduler.review(scheduler.review(undefined, 'good', start), 'good', later(15));
    expect(scheduler.retrievability(card, later(15))).toBeCloseTo(1, 5);
    expect(scheduler.retrievability(card, later(60 * 24 * 30))).toBeLessThan(0.9);
  });
});

describe('ratings', () => {
  test('score bands, the hint cap and typed input', () => {
    expect([0, 1.4, 1.5, 2.4, 2.5, 4.1, 4.2, 5].map(ratingForScore)).toEqual(['again', 'again', 'hard', 'hard', 'good', 'good', 'easy', 'easy']);
    expect(capRating('easy', 'hard')).toBe('hard');
    expect(capRating('again', 'hard')).toBe('again');
    expect(capRating('easy', undefined)).toBe('easy');
    expect(['1', '4', 'Good', 'e', ' hard ', '5', 'x', ''].map(parseRating)).toEqual([
      'again',
      'easy',
      'good',
      'easy',
      'hard',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
