// Mastery and due: the ONE definition used by `mianba stats`, /api/stats, the drill's due count and mock weighting.
// Mastery of a card = probability of recall now (FSRS) x quality of its recent reviews; a card whose last review
// failed (Again) has mastery 0. Pure: retrievability and `now` are passed in.
import type { CardRecord, ReviewRecord } from './progress-records.js';
import type { Rating } from './rating.js';

/**
 * Quality of one review from the rating it was recorded with (what the user or grader decided) and the grader's
 * score. Again is 0 whatever the score; a Good review scoring 5/5 is 0.95. Chosen so that three Again reviews give
 * 0, Hard stays below one half, and only Good/Easy reviews with good scores lift a card near 1.
 */
const ratingQuality: Record<Rating, number> = { again: 0, hard: 0.4, good: 0.9, easy: 1 };
/** Weight of the newest, second and third newest review in the recent quality (older reviews do not count). */
const recentWeights = [3, 2, 1] as const;

/** A card is due when it has been reviewed and its due time has come. New (never reviewed) cards are never "due". */
export function isDue(card: Pick<CardRecord, 'state' | 'due'>, now: Date): boolean {
  return card.state !== 'new' && Date.parse(card.due) <= now.getTime();
}

/** Number of due cards among the given questions (cards of questions no longer in the bank do not count). */
export function countDue(questionIds: Iterable<string>, cards: readonly CardRecord[], now: Date): number {
  const ids = new Set(questionIds);
  return cards.filter((card) => ids.has(card.questionId) && isDue(card, now)).length;
}

export function reviewQuality(review: Pick<ReviewRecord, 'rating' | 'score'>): number {
  if (review.rating === 'again') return 0;
  return ratingQuality[review.rating] * (0.5 + 0.5 * Math.min(1, Math.max(0, review.score / 5)));
}

/** Weighted quality (0-1) of a card's last three reviews (oldest first in `reviews`); undefined without reviews. */
export function recentQuality(reviews: readonly Pick<ReviewRecord, 'rating' | 'score'>[]): number | undefined {
  const recent = reviews.slice(-recentWeights.length).reverse();
  if (recent.length === 0) return undefined;
  let sum = 0;
  let weights = 0;
  recent.forEach((review, index) => {
    const weight = recentWeights[index] ?? 0;
    sum += weight * reviewQuality(review);
    weights += weight;
  });
  return sum / weights;
}

/**
 * Mastery (0-1) of one card: 0 if never reviewed or if the last review was Again; else recall probability now times
 * the recent quality (recall alone for a card whose logs are missing). `reviews` are this card's reviews, oldest first.
 */
export function cardMastery(card: CardRecord | undefined, reviews: readonly ReviewRecord[], retrievability: number): number {
  if (!card || card.state === 'new') return 0;
  const last = reviews.at(-1);
  // A card imported without its logs: only FSRS state is known.
  if (!last) return Math.max(0, Math.min(1, retrievability));
  if (last.rating === 'again') return 0;
  return Math.max(0, Math.min(1, retrievability * (recentQuality(reviews) ?? 0)));
}

/** Mastery of each reviewed card, by question id. */
export function masteryByCard(
  cards: readonly CardRecord[],
  reviews: readonly ReviewRecord[],
  retrievability: (card: CardRecord) => number,
): Map<string, number> {
  const byQuestion = new Map<string, ReviewRecord[]>();
  for (const review of reviews) byQuestion.set(review.questionId, [...(byQuestion.get(review.questionId) ?? []), review]);
  const sorted = (list: ReviewRecord[]) => [...list].sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
  const result = new Map<string, number>();
  for (const card of cards) {
    if (card.state === 'new') continue;
    result.set(card.questionId, cardMastery(card, sorted(byQuestion.get(card.questionId) ?? []), retrievability(card)));
  }
  return result;
}
