// The records of practice progress (cards, review logs, sessions) as zod schemas: the one definition of their shape
// for the store, the JSON backup (`mianba progress export/import`) and its validation on import.
import { z } from 'zod';
import { ratings } from './rating.js';

const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date');
const rating = z.enum(ratings);
const cardState = z.enum(['new', 'learning', 'review', 'relearning']);

export const cardRecordSchema = z.object({
  questionId: z.string().min(1),
  kb: z.string().min(1),
  /** Topic group (first topic level; English for bank questions). */
  topic: z.string(),
  /** The question's topic as JSON ({zh, en} or a string), for --topic filters. */
  topicPath: z.string(),
  due: isoDate,
  stability: z.number().nonnegative(),
  difficulty: z.number().nonnegative(),
  elapsedDays: z.number().nonnegative(),
  scheduledDays: z.number().nonnegative(),
  learningSteps: z.number().int().nonnegative(),
  reps: z.number().int().nonnegative(),
  lapses: z.number().int().nonnegative(),
  state: cardState,
  lastReview: isoDate.optional(),
});

export const reviewRecordSchema = z.object({
  /** Random UUID; import skips ids it already has, so logs are never duplicated. */
  id: z.string().min(1),
  questionId: z.string().min(1),
  sessionId: z.string().optional(),
  kb: z.string().min(1),
  topic: z.string(),
  topicPath: z.string(),
  reviewedAt: isoDate,
  rating,
  /** The rating the grader proposed (before the user's override). */
  impliedRating: rating,
  score: z.number().min(0).max(5),
  rougeL: z.number().min(0).max(1),
  covered: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  hinted: z.boolean(),
  durationMs: z.number().int().nonnegative().optional(),
  answer: z.string().optional(),
  stateBefore: cardState,
  dueAfter: isoDate,
  stabilityAfter: z.number().nonnegative(),
  difficultyAfter: z.number().nonnegative(),
});

export const sessionItemStatuses = ['pending', 'answered', 'skipped'] as const;

export const sessionRecordSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['drill', 'mock']),
  createdAt: isoDate,
  finishedAt: isoDate.optional(),
  options: z.record(z.string(), z.unknown()),
  items: z.array(z.object({ position: z.number().int().nonnegative(), questionId: z.string().min(1), status: z.enum(sessionItemStatuses) })),
});

export const progressBackupSchema = z.object({
  format: z.literal('mianba-progress'),
  version: z.literal(1),
  exportedAt: isoDate,
  cards: z.array(cardRecordSchema),
  reviews: z.array(reviewRecordSchema),
  sessions: z.array(sessionRecordSchema),
});

export type CardRecord = z.infer<typeof cardRecordSchema>;
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;
export type SessionRecord = z.infer<typeof sessionRecordSchema>;
export type SessionItemStatus = (typeof sessionItemStatuses)[number];
export type ProgressBackup = z.infer<typeof progressBackupSchema>;
