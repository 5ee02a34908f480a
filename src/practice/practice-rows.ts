// Mapping between practice records (camelCase, see progress-records.ts) and practice.db rows (snake_case). Pure.
import type { CardRecord, ReviewRecord } from './progress-records.js';

export interface CardRow {
  question_id: string;
  kb: string;
  topic: string;
  topic_path: string;
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: CardRecord['state'];
  last_review: string | null;
}

export interface ReviewRow {
  id: string;
  question_id: string;
  session_id: string | null;
  kb: string;
  topic: string;
  topic_path: string;
  reviewed_at: string;
  rating: ReviewRecord['rating'];
  implied_rating: ReviewRecord['rating'];
  score: number;
  rouge_l: number;
  covered: number;
  total: number;
  hinted: number;
  duration_ms: number | null;
  answer: string | null;
  state_before: ReviewRecord['stateBefore'];
  due_after: string;
  stability_after: number;
  difficulty_after: number;
}

export function cardFromRow(row: CardRow): CardRecord {
  return {
    questionId: row.question_id,
    kb: row.kb,
    topic: row.topic,
    topicPath: row.topic_path,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    ...(row.last_review ? { lastReview: row.last_review } : {}),
  };
}

export function cardParams(card: CardRecord): CardRow {
  return {
    question_id: card.questionId,
    kb: card.kb,
    topic: card.topic,
    topic_path: card.topicPath,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview ?? null,
  };
}

export function reviewFromRow(row: ReviewRow): ReviewRecord {
  return {
    id: row.id,
    questionId: row.question_id,
    ...(row.session_id ? { sessionId: row.session_id } : {}),
    kb: row.kb,
    topic: row.topic,
    topicPath: row.topic_path,
    reviewedAt: row.reviewed_at,
    rating: row.rating,
    impliedRating: row.implied_rating,
    score: row.score,
    rougeL: row.rouge_l,
    covered: row.covered,
    total: row.total,
    hinted: row.hinted === 1,
    ...(row.duration_ms !== null ? { durationMs: row.duration_ms } : {}),
    ...(row.answer !== null ? { answer: row.answer } : {}),
    stateBefore: row.state_before,
    dueAfter: row.due_after,
    stabilityAfter: row.stability_after,
    difficultyAfter: row.difficulty_after,
  };
}

export function reviewParams(review: ReviewRecord): ReviewRow {
  return {
    id: review.id,
    question_id: review.questionId,
    session_id: review.sessionId ?? null,
    kb: review.kb,
    topic: review.topic,
    topic_path: review.topicPath,
    reviewed_at: review.reviewedAt,
    rating: review.rating,
    implied_rating: review.impliedRating,
    score: review.score,
    rouge_l: review.rougeL,
    covered: review.covered,
    total: review.total,
    hinted: review.hinted ? 1 : 0,
    duration_ms: review.durationMs ?? null,
    answer: review.answer ?? null,
    state_before: review.stateBefore,
    due_after: review.dueAfter,
    stability_after: review.stabilityAfter,
    difficulty_after: review.difficultyAfter,
  };
}
