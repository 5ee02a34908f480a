// What the drill returns to clients (web app, MCP): a question without its answer, a grade with covered and missed
// points and the reference, and the pick of the next question. Pure apart from reading the practice store.
import { z } from 'zod';
import type { QuestionItem } from '../bank/question-item.js';
import type { Practice } from '../practice/create-practice.js';
import { keyPointsOf } from '../practice/derive-key-points.js';
import type { GradeResult } from '../practice/grade-answer.js';
import { nextIntervals } from '../practice/next-intervals.js';
import { ratings } from '../practice/rating.js';
import { textSchema, topicSchema } from './api-schemas.js';

export const practiceQuestionSchema = z.object({
  id: z.string(),
  kb: z.string(),
  topic: topicSchema,
  question: textSchema,
  difficulty: z.number().nullable(),
  /** Key points, for the hint button (a hint caps the rating at Hard). */
  hints: z.array(z.object({ zh: z.string(), en: z.string() })),
  card: z.object({ state: z.string(), due: z.string(), reps: z.number().int(), lapses: z.number().int() }).nullable(),
  /** What each rating would do now: the next due time and a short label ("10 min", "3 d"), for the rating buttons. */
  intervals: z.array(z.object({ rating: z.enum(ratings), due: z.string(), label: z.string() })),
});

export const gradeSchema = z.object({
  id: z.string(),
  score: z.number(),
  rating: z.enum(ratings),
  covered: z.array(z.string()),
  missed: z.array(z.string()),
  coverage: z.number(),
  rougeL: z.number(),
  flags: z.array(z.string()),
  language: z.enum(['zh', 'en']),
  hinted: z.boolean(),
  points: z.array(z.object({ zh: z.string(), en: z.string(), covered: z.boolean(), via: z.string().nullable(), evidence: z.string().nullable() })),
  reference: z.object({ text: z.string(), citations: z.array(z.object({ kb: z.string(), path: z.string(), line: z.number().int() })) }),
  /** Wrong claims the answer made, each with its correction and the key point it blocked. */
  misconceptions: z.array(z.object({ claim: z.string(), correction: z.string(), contradicts: z.string().nullable(), sentence: z.string() })),
  /** Key points revealed as hints before answering (0 without hints). */
  hintsUsed: z.number().int(),
});

export async function practiceQuestion(practice: Practice, item: QuestionItem): Promise<z.input<typeof practiceQuestionSchema>> {
  const card = await practice.store.card(item.id);
  return {
    id: item.id,
    kb: item.kb,
    topic: item.topic,
    question: item.question,
    difficulty: item.difficulty,
    hints: keyPointsOf(item, practice.tools).map((point) => ({ zh: point.zh, en: point.en })),
    card: card ? { state: card.state, due: card.due, reps: card.reps, lapses: card.lapses } : null,
    intervals: nextIntervals(practice.scheduler, card, new Date()),
  };
}

export function gradeShape(grade: GradeResult): z.input<typeof gradeSchema> {
  return {
    ...grade,
    misconceptions: grade.misconceptions.map((claim) => ({ ...claim, contradicts: claim.contradicts ?? null })),
    points: grade.points.map((point) => ({
      zh: point.point.zh,
      en: point.point.en,
      covered: point.covered,
      via: point.via ?? null,
      evidence: point.evidence ?? null,
    })),
  };
}
