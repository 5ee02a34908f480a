// The question bank over HTTP: questions by topic (filtered, searchable as you type), the topic tree with counts,
// and one question with its answer, key points and sources.
import { z } from 'zod';
import type { App } from '../app.js';
import type { QuestionItem } from '../bank/question-item.js';
import { AppError } from '../core/errors.js';
import { type ApiRoute, defineRoute, kbName } from './api-route.js';
import { questionItemSchema } from './api-schemas.js';
import { type TopicNode, topicTree } from './topic-tree.js';

const topicNodeSchema: z.ZodType<TopicNode> = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  count: z.number().int(),
  get children() {
    return z.array(topicNodeSchema);
  },
});

const filterQuery = z.object({
  kb: kbName.optional(),
  topic: z.string().max(200).optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  q: z.string().max(200).optional().describe('case-insensitive text filter over question, answer and tags'),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  view: z.enum(['full', 'summary']).optional().describe('summary: id, kb, topic, question, difficulty and tags only (the Bank list)'),
});

/** What the Bank lists: a tenth of the full item; the answer, key points and sources come from /api/questions/{id}. */
const questionSummarySchema = questionItemSchema.pick({ id: true, kb: true, topic: true, question: true, difficulty: true, tags: true });
type QuestionSummary = z.output<typeof questionSummarySchema>;

function summaryOf(item: QuestionItem): QuestionSummary {
  return { id: item.id, kb: item.kb, topic: item.topic, question: item.question, difficulty: item.difficulty, tags: item.tags };
}

export function questionRoutes(app: App): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/questions',
      tag: 'questions',
      summary: 'Questions of the bank and of your knowledge bases, by topic',
      query: filterQuery,
      response: z.object({ total: z.number().int(), questions: z.array(z.union([questionItemSchema, questionSummarySchema])) }),
      async handle({ query }) {
        const items = (await app.listQuestions({ kb: query.kb, topic: query.topic, difficulty: query.difficulty })).filter(matches(query.q));
        const page = items.slice(0, query.limit ?? 5000);
        return { total: items.length, questions: query.view === 'summary' ? page.map(summaryOf) : page };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/questions/topics',
      tag: 'questions',
      summary: 'The topic tree with question counts',
      query: z.object({ kb: kbName.optional() }),
      response: z.object({ total: z.number().int(), topics: z.array(topicNodeSchema) }),
      async handle({ query }) {
        const items = await app.listQuestions({ kb: query.kb });
        return { total: items.length, topics: topicTree(items) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/questions/:id',
      tag: 'questions',
      summary: 'One question with its answer, key points and sources',
      params: z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'not a question id') }),
      response: questionItemSchema,
      async handle({ params }) {
        const item = await app.getQuestion(params.id);
        if (!item) throw new AppError('not_found', `no question with id "${params.id}"`);
        return item;
      },
    }),
  ];
}

function matches(q: string | undefined): (item: QuestionItem) => boolean {
  const needle = q?.trim().toLowerCase();
  if (!needle) return () => true;
  return (item) => JSON.stringify([item.question, item.answer, item.tags, item.id]).toLowerCase().includes(needle);
}
