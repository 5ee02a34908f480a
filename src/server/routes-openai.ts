// OpenAI-compatible endpoints so any chat client (Open WebUI, Chatbox, Cherry Studio) can use the knowledge base as
// a model: /v1/models lists `mianba` (every knowledge base) and `mianba:<kb>`; /v1/chat/completions answers the last
// user message with citations (a Sources list in the content and a `citations` field), as JSON or as SSE chunks.
import { randomUUID } from 'node:crypto';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { sourcesText } from '../answer/sources-text.js';
import type { App } from '../app.js';
import { AppError } from '../core/errors.js';
import { type ApiRoute, defineRoute } from './api-route.js';
import { citationSchema } from './api-schemas.js';
import { errorResponse } from './error-response.js';

export const modelId = 'mianba';

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const chatBody = z.looseObject({
  model: z.string().max(100),
  messages: z
    .array(z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(contentPart), z.null()]).optional() }))
    .min(1)
    .max(500),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
});
type ChatBody = z.output<typeof chatBody>;

const completionSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(z.object({ index: z.number().int(), message: z.object({ role: z.literal('assistant'), content: z.string() }), finish_reason: z.string() })),
  usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }),
  citations: z.array(citationSchema),
});

export function openAiRoutes(app: App, secrets: readonly string[]): ApiRoute[] {
  const home = app.config.home;
  return [
    defineRoute({
      method: 'get',
      path: '/v1/models',
      tag: 'openai',
      summary: 'OpenAI-compatible model list: `mianba` searches every knowledge base, `mianba:<kb>` one',
      response: z.object({
        object: z.literal('list'),
        data: z.array(z.object({ id: z.string(), object: z.literal('model'), created: z.number(), owned_by: z.string() })),
      }),
      async handle() {
        const kbs = await app.listKbs();
        const ids = [modelId, ...kbs.map((kb) => `${modelId}:${kb.name}`)];
        return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'mianba' })) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/chat/completions',
      tag: 'openai',
      summary: 'OpenAI-compatible chat completion over the knowledge base (the last user message is the question)',
      body: chatBody,
      response: completionSchema,
      async handle({ body, context }) {
        const kb = kbOfModel(body.model);
        const question = lastUserText(body);
        const id = `chatcmpl-${randomUUID()}`;
        const created = Math.floor(Date.now() / 1000);
        const decoding = {
          temperature: body.temperature ?? undefined,
          topP: body.top_p ?? undefined,
          maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
        };
        if (!body.stream) {
          const result = await app.ask({ question, kb, decoding, signal: context.req.raw.signal });
          const content = `${result.answer}${calculationText(result.calculation?.text)}${sourcesText(result.citations, home)}`;
          return {
            id,
            object: 'chat.completion',
            created,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
            citations: result.citations,
          };
        }
        return streamSSE(context, async (stream) => {
          const controller = new AbortController();
          stream.onAbort(() => controller.abort());
          let queue = Promise.resolve();
          const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}, finish: string | null = null) => {
            const data = JSON.stringify({
              id,
              object: 'chat.completion.chunk',
              created,
              model: body.model,
              choices: [{ index: 0, delta, finish_reason: finish }],
              ...extra,
            });
            queue = queue.then(() => stream.writeSSE({ data })).catch(() => controller.abort());
          };
          chunk({ role: 'assistant', content: '' });
          let streamed = false;
          try {
            const result = await app.ask({
              question,
              kb,
              decoding,
              signal: controller.signal,
              onToken: (text) => {
                streamed = true;
                chunk({ content: text });
              },
            });
            if (!streamed) for (const piece of result.answer.match(/[\s\S]{1,24}/g) ?? []) chunk({ content: piece });
            chunk({ content: `${calculationText(result.calculation?.text)}${sourcesText(result.citations, home)}` });
            chunk({}, { citations: citationSchema.array().parse(result.citations) }, 'stop');
          } catch (error) {
            const data = JSON.stringify(errorResponse(error, secrets).body);
            queue = queue.then(() => stream.writeSSE({ data }));
          }
          queue = queue.then(() => stream.writeSSE({ data: '[DONE]' }));
          await queue;
        });
      },
    }),
  ];
}

function kbOfModel(model: string): string | undefined {
  if (model === modelId) return undefined;
  if (model.startsWith(`${modelId}:`)) return model.slice(modelId.length + 1);
  throw new AppError('not_found', `model "${model}" not found; use "${modelId}" or "${modelId}:<kb>" (see /v1/models)`);
}

function lastUserText(body: ChatBody): string {
  const message = body.messages.filter((candidate) => candidate.role === 'user').at(-1);
  const content = message?.content;
  const text = typeof content === 'string' ? content : (content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('\n');
  if (!text.trim()) throw new AppError('invalid_input', 'messages: no user message with text');
  return text.trim().slice(0, 4000);
}

function calculationText(text: string | undefined): string {
  return text ? `\n\n${text.trim()}` : '';
}
