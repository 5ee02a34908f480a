// Mock interviews over HTTP: the question plan (weighted toward weak topics, see planMock) and the final report
// (buildMockReport) from the answers given; each answer is graded and recorded through the drill as it is given.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type QuestionItem, textOf } from '../bank/question-item.js';
import { AppError } from '../core/errors.js';
import type { Practice } from '../practice/create-practice.js';
import { keyPointsOf } from '../practice/derive-key-points.js';
import { pointFollowUp, relatedFollowUp, templateQuestion, weakestMissedPoint } from '../practice/follow-up.js';
import type { MockEntry } from '../practice/mock-loop.js';
import { planMock } from '../practice/mock-plan.js';
import { buildMockReport } from '../practice/mock-report.js';
import type { SessionRecord } from '../practice/progress-records.js';
import { type ApiRoute, defineRoute, kbName } from './api-route.js';
import { practiceQuestion, practiceQuestionSchema } from './practice-shapes.js';

const questionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'not a question id');
const reportBody = z.object({
  language: z.enum(['zh', 'en']).optional(),
  minutes: z.number().positive().max(600),
  startedAt: z.iso.datetime(),
  timedOut: z.boolean().optional(),
  unasked: z.number().int().min(0).optional(),
  entries: z
    .array(
      z.object({
        id: questionId,
        answer: z.string().max(20_000).optional(),
        skipped: z.boolean().optional(),
        durationMs: z.number().int().min(0).optional(),
        /** A follow-up (from /api/mock/follow-up): `point` and `question` when it asks about a missed key point of `id`. */
        kind: z.enum(['main', 'follow-up']).optional(),
        point: z.number().int().min(0).max(20).optional(),
        question: z.string().max(1_000).optional(),
      }),
    )
    .max(60),
});
const reportSchema = z.looseObject({
  startedAt: z.string(),
  minutes: z.number(),
  meanScore: z.number().nullable(),
  timedOut: z.boolean(),
  unasked: z.number().int(),
  rows: z.array(
    z.looseObject({
      kind: z.string(),
      id: z.string(),
      topic: z.string(),
      question: z.string(),
      score: z.number().nullable(),
      rating: z.string().nullable(),
      missed: z.array(z.string()),
      time: z.string(),
      skipped: z.boolean(),
      answer: z.string().nullable(),
      reference: z.string(),
      misconceptions: z.array(z.object({ claim: z.string(), correction: z.string() })),
    }),
  ),
  weakTopics: z.array(z.object({ topic: z.string(), meanScore: z.number() })),
  reviewNext: z.array(z.object({ id: z.string(), question: z.string(), missed: z.array(z.string()) })),
});

const historyEntrySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  questions: z.number().int(),
  meanScore: z.number().nullable(),
  /** Whether a report was stored (mocks finished in the web app and, from now on, the CLI). */
  hasReport: z.boolean(),
});
type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Mock sessions, newest first, as history entries. */
function mockHistory(sessions: readonly SessionRecord[]): HistoryEntry[] {
  return sessions
    .filter((session) => session.kind === 'mock')
    .map((session) => {
      const report = session.options.report as { meanScore?: number | null } | undefined;
      return {
        id: session.id,
        createdAt: session.createdAt,
        finishedAt: session.finishedAt ?? null,
        questions: session.items.length,
        meanScore: report?.meanScore ?? null,
        hasReport: report !== undefined,
      };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A follow-up on key point `point` of `item`: the item graded only against that point (see pointFollowUp). */
function pointItem(practice: Practice, item: QuestionItem, point: number, question: string | undefined, language: 'zh' | 'en'): QuestionItem {
  const chosen = keyPointsOf(item, practice.tools)[point];
  if (!chosen) throw new AppError('invalid_input', `question "${item.id}" has no key point ${point + 1}`);
  return pointFollowUp(item, chosen, question?.trim() || templateQuestion(chosen, language), 'template').item;
}

export function mockRoutes(practice: () => Practice): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/mock/questions',
      tag: 'practice',
      summary: 'A mock interview plan: n questions drawn at random, weighted toward weak topics (answer them through /api/drill/grade and /api/drill/record)',
      query: z.object({ n: z.coerce.number().int().min(1).max(30).optional(), topic: z.string().max(200).optional(), kb: kbName.optional() }),
      response: z.object({ questions: z.array(practiceQuestionSchema) }),
      async handle({ query }) {
        const current = practice();
        const now = new Date();
        const plan = planMock({
          items: await current.questions({ kb: query.kb }),
          cards: new Map((await current.store.cards()).map((card) => [card.questionId, card])),
          reviews: await current.store.reviews(),
          n: query.n ?? 5,
          topics: query.topic ? [query.topic] : undefined,
          retrievability: (card) => current.scheduler.retrievability(card, now),
          random: Math.random,
        });
        return { questions: await Promise.all(plan.map((item) => practiceQuestion(current, item))) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/mock/report',
      tag: 'practice',
      summary:
        'The report of a finished mock interview: per question the answer, score, missed points, wrong claims and reference; weakest topics; what to review next. Kept in the mock history (schedules nothing)',
      body: reportBody,
      response: reportSchema.extend({ id: z.string().describe('id of the stored mock (see /api/mock/history)') }),
      async handle({ body }) {
        const current = practice();
        const language = body.language ?? 'zh';
        const entries: MockEntry[] = [];
        for (const entry of body.entries) {
          const found = await current.question(entry.id);
          if (!found) throw new AppError('not_found', `no question with id "${entry.id}"`);
          const item = entry.point === undefined ? found : pointItem(current, found, entry.point, entry.question, language);
          const answered = !entry.skipped && entry.answer !== undefined;
          entries.push({
            kind: entry.kind ?? (entry.point === undefined ? 'main' : 'follow-up'),
            item,
            question: textOf(item.question, language),
            answer: answered ? entry.answer : undefined,
            grade: answered ? current.grade(item, entry.answer ?? '', { language }) : undefined,
            skipped: !answered,
            durationMs: entry.durationMs ?? 0,
          });
        }
        const result = {
          startedAt: body.startedAt,
          finishedAt: new Date().toISOString(),
          minutes: body.minutes,
          entries,
          unasked: body.unasked ?? 0,
          timedOut: body.timedOut ?? false,
        };
        const report = buildMockReport(result, language);
        const id = randomUUID();
        await current.store.createSession({
          id,
          kind: 'mock',
          createdAt: body.startedAt,
          finishedAt: result.finishedAt,
          options: { minutes: body.minutes, source: 'web', report },
          items: body.entries.map((entry, position) => ({
            position,
            questionId: entry.id,
            status: entry.skipped || entry.answer === undefined ? 'skipped' : 'answered',
          })),
        });
        return { ...report, id };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/mock/follow-up',
      tag: 'practice',
      summary:
        'The follow-up to an answer in a mock: a related bank question on the weakest missed key point, or a question on that point itself (`point`); null when nothing was missed',
      body: z.object({ id: questionId, answer: z.string().max(20_000), language: z.enum(['zh', 'en']).optional() }),
      response: z.object({
        followUp: z.object({ id: z.string(), question: z.string(), source: z.enum(['related', 'template']), point: z.number().int().nullable() }).nullable(),
      }),
      async handle({ body }) {
        const current = practice();
        const language = body.language ?? 'zh';
        const item = await current.question(body.id);
        if (!item) throw new AppError('not_found', `no question with id "${body.id}"`);
        const missed = weakestMissedPoint(current.grade(item, body.answer, { language }));
        if (!missed) return { followUp: null };
        const related = (await Promise.all(item.related.map((id) => current.question(id)))).filter((entry) => entry !== undefined);
        const chosen = relatedFollowUp(missed.point, related, current.tools);
        if (chosen) return { followUp: { id: chosen.id, question: textOf(chosen.question, language), source: 'related' as const, point: null } };
        const point = keyPointsOf(item, current.tools).findIndex((entry) => entry.zh === missed.point.zh && entry.en === missed.point.en);
        return { followUp: { id: item.id, question: templateQuestion(missed.point, language), source: 'template' as const, point: Math.max(0, point) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/mock/history',
      tag: 'practice',
      summary: 'Past mock interviews, newest first: when, how many questions, mean score (full report at /api/mock/history/{id})',
      response: z.object({ mocks: z.array(historyEntrySchema) }),
      async handle() {
        return { mocks: mockHistory(await practice().store.sessions()) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/mock/history/:id',
      tag: 'practice',
      summary: 'One past mock interview with its full report',
      params: z.object({ id: z.string().max(100) }),
      response: historyEntrySchema.extend({ report: reportSchema.nullable() }),
      async handle({ params }) {
        const session = (await practice().store.sessions()).find((entry) => entry.kind === 'mock' && entry.id === params.id);
        if (!session) throw new AppError('not_found', `no mock interview with id "${params.id}"`);
        const [entry] = mockHistory([session]);
        return { ...(entry as HistoryEntry), report: (session.options.report as z.input<typeof reportSchema> | undefined) ?? null };
      },
    }),
  ];
}
