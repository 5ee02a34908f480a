// The drill and progress over HTTP: next question, grade (no side effect), record (the grader's rating or the
// user's override, re-graded on the server so scores cannot be forged), stats; mock interviews in routes-mock.ts.
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { Practice } from '../practice/create-practice.js';
import { nextQuestion } from '../practice/next-question.js';
import { computeStats } from '../practice/progress-stats.js';
import { capRating, ratings } from '../practice/rating.js';
import { type ApiRoute, defineRoute, kbName } from './api-route.js';
import { questionItemSchema } from './api-schemas.js';
import { gradeSchema, gradeShape, practiceQuestion, practiceQuestionSchema } from './practice-shapes.js';
import { mockRoutes } from './routes-mock.js';

const questionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'not a question id');
const answerBody = z.object({
  id: questionId,
  answer: z.string().max(20_000),
  hinted: z.boolean().optional(),
  /** Key points revealed one at a time before answering (caps the rating at Hard; the grade notes it). */
  hintsUsed: z.number().int().min(0).max(6).optional(),
  language: z.enum(['zh', 'en']).optional(),
});
const gradeOptions = (body: z.infer<typeof answerBody>) => ({
  hinted: (body.hinted ?? false) || (body.hintsUsed ?? 0) > 0,
  ...(body.hintsUsed !== undefined ? { hintsUsed: body.hintsUsed } : {}),
  ...(body.language ? { language: body.language } : {}),
});
const filterQuery = z.object({ topic: z.string().max(200).optional(), kb: kbName.optional() });
const statsSchema = z.looseObject({
  totals: z.looseObject({ questions: z.number(), cards: z.number(), reviews: z.number(), due: z.number() }),
  topics: z.array(z.looseObject({ topic: z.string(), name: z.object({ zh: z.string(), en: z.string() }), mastery: z.number().nullable() })),
  forecast: z.array(z.object({ date: z.string(), due: z.number() })),
  reviewsPerDay: z.array(z.object({ date: z.string(), reviews: z.number() })),
  streak: z.object({ current: z.number(), longest: z.number(), reviewedToday: z.boolean() }),
});

export function practiceRoutes(practice: () => Practice): ApiRoute[] {
  const load = async (id: string) => {
    const item = await practice().question(id);
    if (!item) throw new AppError('not_found', `no question with id "${id}"`);
    return item;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/drill/next',
      tag: 'practice',
      summary: 'The next drill question (due first, then new), without its answer; or the one asked for by id',
      query: filterQuery.extend({
        id: questionId.optional(),
        skip: z.string().max(20_000).optional().describe('comma-separated ids to pass over'),
        topics: z.string().max(4_000).optional().describe('comma-separated topic groups (the `topic` of /api/stats) to draw from'),
        kind: z.enum(['any', 'due', 'new']).optional().describe('due: only cards due for review; new: only unseen questions'),
      }),
      response: z.object({ question: practiceQuestionSchema.nullable(), due: z.number().int(), fresh: z.number().int() }),
      async handle({ query }) {
        if (query.id) return { question: await practiceQuestion(practice(), await load(query.id)), due: 0, fresh: 0 };
        const next = await nextQuestion(practice(), {
          topic: query.topic,
          topics: query.topics?.split(',').filter(Boolean),
          kb: query.kb,
          skip: query.skip?.split(',').filter(Boolean) ?? [],
          kind: query.kind,
        });
        return { question: next.item ? await practiceQuestion(practice(), next.item) : null, due: next.due, fresh: next.fresh };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/drill/grade',
      tag: 'practice',
      summary: 'Grade an answer (covered and missed key points, score 0-5, proposed rating, reference); records nothing',
      body: answerBody,
      response: z.object({ grade: gradeSchema, item: questionItemSchema }),
      async handle({ body }) {
        const item = await load(body.id);
        const grade = practice().grade(item, body.answer, gradeOptions(body));
        return { grade: gradeShape(grade), item };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/drill/record',
      tag: 'practice',
      summary: "Record a review with the grader's rating, or the user's override (`rating`); schedules the card with FSRS",
      body: answerBody.extend({
        rating: z.enum(ratings).optional().describe('override of the proposed rating'),
        durationMs: z.number().int().min(0).optional(),
      }),
      response: z.object({ rating: z.enum(ratings), proposed: z.enum(ratings), score: z.number(), due: z.string(), state: z.string() }),
      async handle({ body }) {
        const item = await load(body.id);
        const grade = practice().grade(item, body.answer, gradeOptions(body));
        const rating = capRating(body.rating ?? grade.rating, grade.hinted ? 'hard' : undefined);
        const { card } = await practice().record({ item, grade, rating, answer: body.answer, durationMs: body.durationMs });
        return { rating, proposed: grade.rating, score: grade.score, due: card.due, state: card.state };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/drill/undo',
      tag: 'practice',
      summary: 'Undo the most recent rating: its review log is removed and its card goes back to the state before it',
      response: z.object({
        undone: z.object({ id: z.string(), rating: z.enum(ratings), reviewedAt: z.string() }).nullable(),
        card: z.object({ state: z.string(), due: z.string() }).nullable(),
      }),
      async handle() {
        const result = await practice().undo();
        if (!result) return { undone: null, card: null };
        return {
          undone: { id: result.review.questionId, rating: result.review.rating, reviewedAt: result.review.reviewedAt },
          card: result.card ? { state: result.card.state, due: result.card.due } : null,
        };
      },
    }),
    ...mockRoutes(practice),
    defineRoute({
      method: 'get',
      path: '/api/stats',
      tag: 'practice',
      summary: 'Progress: mastery per topic, due forecast (14 days), reviews per day (30 days), streak',
      response: statsSchema,
      async handle() {
        const now = new Date();
        const current = practice();
        return computeStats({
          items: await current.questions(),
          cards: await current.store.cards(),
          reviews: await current.store.reviews(),
          now,
          retrievability: (card) => current.scheduler.retrievability(card, now),
        });
      },
    }),
  ];
}
