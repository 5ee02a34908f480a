import { describe, expect, test } from 'vitest';
import { mergedIdsOf, resolveCard, resolveReview } from './merged-ids.js';
import type { CardRecord, ReviewRecord } from './progress-records.js';
import type { Rating } from './rating.js';
import { createScheduler, replayCard } from './scheduler.js';

const scheduler = createScheduler(0.9);
const merged = mergedIdsOf(
  [
    { id: 'new-id', aliasIds: ['old-id'] },
    { id: 'plain', aliasIds: [] },
  ],
  (id) => ({
    questionId: id,
    kb: 'builtin',
    topic: 'SFT',
    topicPath: '{"zh":"微调","en":"SFT"}',
  }),
);
const rebuild = (identity: Pick<CardRecord, 'questionId' | 'kb' | 'topic' | 'topicPath'>, history: ReviewRecord[]): CardRecord => ({
  ...identity,
  ...(replayCard(scheduler, history) as NonNullable<ReturnType<typeof replayCard>>),
});

let counter = 0;
function log(questionId: string, rating: Rating, at: string): ReviewRecord {
  const next = scheduler.review(undefined, rating, new Date(at));
  return {
    id: `r${++counter}`,
    questionId,
    kb: 'builtin',
    topic: 'Basics',
    topicPath: '{"zh":"基础","en":"Basics"}',
    reviewedAt: at,
    rating,
    impliedRating: rating,
    score: 3,
    rougeL: 0.2,
    covered: 2,
    total: 4,
    hinted: false,
    stateBefore: 'new',
    dueAfter: next.due,
    stabilityAfter: next.stability,
    difficultyAfter: next.difficulty,
  };
}

describe('merged ids', () => {
  test('a former id resolves to the survivor; other ids are unchanged', () => {
    expect(merged.canonical('old-id')).toBe('new-id');
    expect(merged.canonical('plain')).toBe('plain');
    expect(merged.formerIds('new-id')).toEqual(['old-id']);
    expect(merged.formerIds('plain')).toEqual([]);
  });

  test('a review under a former id reads under the survivor with its topic; the record itself is not changed', () => {
    const review = log('old-id', 'good', '2026-01-01T00:00:00.000Z');
    const read = resolveReview(review, merged);
    expect(read).toMatchObject({ questionId: 'new-id', topic: 'SFT', rating: 'good' });
    expect(review.questionId).toBe('old-id');
  });

  test('history split across the two ids replays into one card with every review counted', () => {
    const reviews = [log('old-id', 'good', '2026-01-01T00:00:00.000Z'), log('new-id', 'good', '2026-01-05T00:00:00.000Z')];
    const cards = [{ ...rebuild({ questionId: 'old-id', kb: 'builtin', topic: 'Basics', topicPath: '' }, [reviews[0] as ReviewRecord]) }];
    const card = resolveCard('new-id', { cards, reviews }, merged, rebuild);
    expect(card).toMatchObject({ questionId: 'new-id', topic: 'SFT', reps: 2 });
  });

  test('a card with no logs under a former id is renamed, not lost', () => {
    const old = rebuild({ questionId: 'old-id', kb: 'builtin', topic: 'Basics', topicPath: '' }, [log('x', 'easy', '2026-01-01T00:00:00.000Z')]);
    expect(resolveCard('new-id', { cards: [old], reviews: [] }, merged, rebuild)).toMatchObject({ questionId: 'new-id', reps: 1, state: old.state });
  });
});
