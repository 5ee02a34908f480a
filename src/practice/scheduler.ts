// FSRS-6 scheduling through ts-fsrs: a card's memory state as plain data (ISO dates, literal-union states), one
// review -> the next state, replaying a review history, and retrievability. Fuzz is off so that replaying the logs
// always reproduces the stored card. Pure.
import { type Card, createEmptyCard, Rating as FsrsRating, fsrs, type Grade, State } from 'ts-fsrs';
import type { Rating } from './rating.js';

export type CardStateName = 'new' | 'learning' | 'review' | 'relearning';

export interface CardData {
  /** ISO 8601. */
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateName;
  /** ISO 8601; undefined before the first review. */
  lastReview?: string | undefined;
}

export interface Scheduler {
  readonly desiredRetention: number;
  /** The card after a review at `now`; an undefined card is a new one. */
  review(card: CardData | undefined, rating: Rating, now: Date): CardData;
  /** Probability (0-1) of recalling the card at `now`; 0 for a card never reviewed. */
  retrievability(card: CardData, now: Date): number;
}

const stateNames: Record<State, CardStateName> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const states: Record<CardStateName, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };
const grades: Record<Rating, Grade> = { again: FsrsRating.Again, hard: FsrsRating.Hard, good: FsrsRating.Good, easy: FsrsRating.Easy };

export function createScheduler(desiredRetention: number): Scheduler {
  const engine = fsrs({ request_retention: desiredRetention, enable_fuzz: false });
  return {
    desiredRetention,
    review(card, rating, now) {
      const current = card ? toFsrs(card) : createEmptyCard(now);
      return fromFsrs(engine.next(current, now, grades[rating]).card);
    },
    retrievability(card, now) {
      if (card.state === 'new' || !card.lastReview) return 0;
      return engine.get_retrievability(toFsrs(card), now, false);
    },
  };
}

/** The card a review history leads to (reviews in any order; they are sorted by time). */
export function replayCard(scheduler: Scheduler, reviews: readonly { rating: Rating; reviewedAt: string }[]): CardData | undefined {
  let card: CardData | undefined;
  for (const review of [...reviews].sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt))) {
    card = scheduler.review(card, review.rating, new Date(review.reviewedAt));
  }
  return card;
}

export function newCard(now: Date): CardData {
  return fromFsrs(createEmptyCard(now));
}

function toFsrs(card: CardData): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: states[card.state],
    ...(card.lastReview ? { last_review: new Date(card.lastReview) } : {}),
  };
}

function fromFsrs(card: Card): CardData {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: stateNames[card.state],
    lastReview: card.last_review?.toISOString(),
  };
}
