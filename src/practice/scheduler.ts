// FSRS-6 scheduling through ts-fsrs: a card's memory state as plain data (ISO dates, literal-union states), one
// review -> the next state, replaying a review history, and retrievability. Fuzz is off so that replaying the logs
// always reproduces the stored card. Pure.
import { createRequire } from 'node:module';
import type * as TsFsrs from 'ts-fsrs';
import type { Card, Grade, State } from 'ts-fsrs';
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

// ts-fsrs is required on the first schedule, not imported: every command that builds an App links this module, and
// `mianba search` or `ask` never schedules (its ES import cost each CLI call ~4 ms idle, ~12 ms on the loaded VM).
const require = createRequire(import.meta.url);

interface FsrsLibrary {
  fsrs: typeof TsFsrs.fsrs;
  createEmptyCard: typeof TsFsrs.createEmptyCard;
  stateNames: Record<State, CardStateName>;
  states: Record<CardStateName, State>;
  grades: Record<Rating, Grade>;
}

let library: FsrsLibrary | undefined;

function tsFsrs(): FsrsLibrary {
  if (library) return library;
  const { fsrs, createEmptyCard, State, Rating } = require('ts-fsrs') as typeof TsFsrs;
  library = {
    fsrs,
    createEmptyCard,
    stateNames: { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' },
    states: { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning },
    grades: { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy },
  };
  return library;
}

export function createScheduler(desiredRetention: number): Scheduler {
  const engine = tsFsrs().fsrs({ request_retention: desiredRetention, enable_fuzz: false });
  return {
    desiredRetention,
    review(card, rating, now) {
      const current = card ? toFsrs(card) : tsFsrs().createEmptyCard(now);
      return fromFsrs(engine.next(current, now, tsFsrs().grades[rating]).card);
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
  return fromFsrs(tsFsrs().createEmptyCard(now));
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
    state: tsFsrs().states[card.state],
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
    state: tsFsrs().stateNames[card.state],
    lastReview: card.last_review?.toISOString(),
  };
}
