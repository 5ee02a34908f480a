// Ask conversations over HTTP: list, create (optionally with turns, to import the browser's old local history),
// read, rename, delete, export as Markdown, and ask or regenerate inside a thread (SSE, like /api/ask/stream). Each
// turn is stored with its answer and citations; a stopped answer is kept as far as it got. Earlier turns go to the
// model as context; the extractive mode answers each turn on its own.
import { z } from 'zod';
import { historyMessages } from '../answer/conversation.js';
import { threadMarkdown } from '../answer/thread-markdown.js';
import type { App, AskRequest } from '../app.js';
import { AppError } from '../core/errors.js';
import { type ThreadTurn, titleFromQuestion } from '../core/thread.js';
import { type ApiRoute, defineRoute } from './api-route.js';
import { citationSchema } from './api-schemas.js';
import { askBody, askResponse, runAsk } from './routes-ask.js';
import { eventStream } from './sse.js';

const threadSummary = z.object({ id: z.string(), title: z.string(), createdAt: z.string(), updatedAt: z.string(), turns: z.number().int() });
const turnSchema = z.object({
  question: z.string().trim().min(1).max(4000),
  answer: z.string().max(100_000),
  status: z.enum(['done', 'stopped', 'error']),
  mode: z.enum(['extractive', 'llm']),
  refused: z.boolean(),
  model: z.string().optional(),
  citations: z.array(citationSchema.extend({ questionId: z.string().nullable().default(null) })).max(50),
  suggestions: z
    .array(z.object({ question: z.string(), questionId: z.string().nullable() }))
    .max(10)
    .optional(),
  evidence: z.number().optional(),
  error: z.string().max(2000).optional(),
  createdAt: z.string().max(40),
});
const threadSchema = threadSummary.extend({ items: z.array(turnSchema) });
const threadParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, 'not a conversation id') });
const titleBody = z.object({ title: z.string().trim().min(1).max(120) });
/** An imported turn may omit what the old browser history did not keep. */
const importedTurn = turnSchema.partial({ status: true, mode: true, refused: true, citations: true, createdAt: true });
const createBody = z.object({ title: z.string().trim().min(1).max(120).optional(), turns: z.array(importedTurn).max(200).optional() });
const threadAskBody = askBody;
const regenerateBody = askBody.omit({ question: true });

export function threadRoutes(app: App, secrets: readonly string[]): ApiRoute[] {
  const existing = async (id: string) => {
    const thread = await (await app.threads()).get(id);
    if (!thread) throw new AppError('not_found', `no conversation "${id}"`);
    return thread;
  };
  /** Asks inside a thread, streaming tokens; stores the turn however it ends (answer, stop, error). */
  const askInThread = (
    context: Parameters<ApiRoute['handle']>[0]['context'],
    body: z.output<typeof askBody>,
    history: NonNullable<AskRequest['history']>,
    save: (turn: ThreadTurn) => Promise<unknown>,
  ) =>
    eventStream(context, secrets, async (sink) => {
      let streamed = '';
      const usesModel = body.useLlm !== false && (await app.chatModel()) !== undefined;
      const base = { question: body.question, createdAt: new Date().toISOString(), mode: usesModel ? ('llm' as const) : ('extractive' as const) };
      try {
        const result = await runAsk(app, body, {
          signal: sink.signal,
          history: usesModel ? history : undefined,
          onToken: (text) => {
            streamed += text;
            sink.send('token', { text });
          },
        });
        const thread = await save({
          ...base,
          answer: result.answer,
          status: 'done',
          mode: result.mode,
          refused: result.refused,
          model: result.model,
          citations: result.citations,
          suggestions: result.refused
            ? result.nearest.filter((hit) => hit.question).map((hit) => ({ question: hit.question ?? '', questionId: hit.questionId }))
            : undefined,
          evidence: result.evidence,
        });
        sink.send('done', { ...askResponse.parse(result), thread });
      } catch (error) {
        const stopped = sink.signal.aborted;
        await save({
          ...base,
          answer: streamed,
          status: stopped ? 'stopped' : 'error',
          refused: false,
          citations: [],
          ...(stopped ? {} : { error: error instanceof AppError ? error.message : 'internal error' }),
        });
        if (!stopped) throw error;
      }
    });
  return [
    defineRoute({
      method: 'get',
      path: '/api/threads',
      tag: 'conversations',
      summary: 'Ask conversations, most recently updated first',
      response: z.object({ threads: z.array(threadSummary) }),
      handle: async () => ({ threads: await (await app.threads()).list() }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/threads',
      tag: 'conversations',
      summary: 'Start a conversation (optionally with earlier turns, e.g. imported from the browser)',
      body: createBody,
      response: threadSummary,
      async handle({ body }) {
        const store = await app.threads();
        const turns = body.turns ?? [];
        const created = await store.create(body.title ?? (turns[0] ? titleFromQuestion(turns[0].question) : 'New conversation'));
        let summary = created;
        for (const turn of turns)
          summary = await store.appendTurn(created.id, {
            status: 'done',
            mode: 'extractive',
            refused: false,
            citations: [],
            createdAt: created.createdAt,
            ...turn,
          });
        return summary;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/threads/:id',
      tag: 'conversations',
      summary: 'One conversation with every turn (answer, citations, how it ended)',
      params: threadParams,
      response: threadSchema,
      handle: async ({ params }) => existing(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/threads/:id/rename',
      tag: 'conversations',
      summary: 'Rename a conversation',
      params: threadParams,
      body: titleBody,
      response: threadSummary,
      handle: async ({ params, body }) => (await app.threads()).rename(params.id, body.title),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/threads/:id',
      tag: 'conversations',
      summary: 'Delete a conversation and its turns',
      params: threadParams,
      response: z.object({ removed: z.string() }),
      async handle({ params }) {
        if (!(await (await app.threads()).delete(params.id))) throw new AppError('not_found', `no conversation "${params.id}"`);
        return { removed: params.id };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/threads/:id/export',
      tag: 'conversations',
      summary: 'A conversation as a Markdown file',
      params: threadParams,
      query: z.object({ lang: z.enum(['zh', 'en']).optional() }),
      response: z.string(),
      async handle({ params, query }) {
        const thread = await existing(params.id);
        const labels = query.lang === 'zh' ? { sources: '来源', stopped: '(已停止)' } : { sources: 'Sources', stopped: '(stopped)' };
        const name = `${thread.title.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').slice(0, 60) || 'conversation'}.md`;
        return new Response(threadMarkdown(thread, labels), {
          headers: {
            'Content-Type': 'text/markdown; charset=utf-8',
            'Content-Disposition': `attachment; filename="conversation.md"; filename*=UTF-8''${encodeURIComponent(name)}`,
          },
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/threads/:id/ask/stream',
      tag: 'conversations',
      summary: 'Ask inside a conversation (earlier turns go to the model as context); `token` events, then `done` with the answer and the thread',
      params: threadParams,
      body: threadAskBody,
      response: askResponse,
      sse: true,
      async handle({ params, body, context }) {
        const thread = await existing(params.id);
        const store = await app.threads();
        return askInThread(context, body, historyMessages(usable(thread.items)), (turn) => store.appendTurn(params.id, turn));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/threads/:id/regenerate/stream',
      tag: 'conversations',
      summary: 'Answer the last question of a conversation again, replacing its answer',
      params: threadParams,
      body: regenerateBody,
      response: askResponse,
      sse: true,
      async handle({ params, body, context }) {
        const thread = await existing(params.id);
        const last = thread.items.at(-1);
        if (!last) throw new AppError('conflict', 'this conversation has no answer to regenerate');
        const store = await app.threads();
        return askInThread(context, { ...body, question: last.question }, historyMessages(usable(thread.items.slice(0, -1))), (turn) =>
          store.replaceLastTurn(params.id, turn),
        );
      },
    }),
  ];
}

/** Turns worth giving the model as context: answered (or stopped with text), not refused. */
function usable(turns: readonly ThreadTurn[]) {
  return turns.filter((turn) => turn.status !== 'error' && !turn.refused);
}
