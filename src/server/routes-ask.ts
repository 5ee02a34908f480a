// Search and ask over HTTP: GET /api/search, POST /api/ask (JSON) and POST /api/ask/stream (SSE: `token` events
// while the model writes, then `done` with the whole cited answer).
import { z } from 'zod';
import type { App, AskRequest } from '../app.js';
import { type ApiRoute, defineRoute, kbName, queryBoolean } from './api-route.js';
import { calculationSchema, citationSchema, hitSchema, traceEntrySchema } from './api-schemas.js';
import { eventStream } from './sse.js';
import { apiPath } from './uploads.js';

const searchResponse = z.object({
  query: z.string(),
  corrections: z.array(z.object({ from: z.string(), to: z.string() })),
  evidence: z.number(),
  hits: z.array(hitSchema),
  trace: z.array(traceEntrySchema).optional(),
});

export const askBody = z.object({
  question: z.string().trim().min(1).max(4000),
  kb: kbName.optional(),
  length: z.enum(['brief', 'full']).optional(),
  useLlm: z.boolean().optional().describe('false answers extractively even when a model is configured'),
  rerank: z.boolean().optional(),
  explain: z.boolean().optional().describe('include the retrieval trace'),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  maxTokens: z.number().int().positive().max(32_000).optional(),
});

export const askResponse = z.object({
  question: z.string(),
  mode: z.enum(['extractive', 'llm']),
  refused: z.boolean(),
  answer: z.string(),
  citations: z.array(citationSchema),
  evidence: z.number(),
  model: z.string().optional(),
  unknownCitations: z.array(z.number().int()),
  nearest: z.array(hitSchema),
  calculation: calculationSchema.optional(),
  trace: z.array(traceEntrySchema).optional(),
});

export type AskBody = z.output<typeof askBody>;

export function askRoutes(app: App, secrets: readonly string[]): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/search',
      tag: 'search',
      summary: 'Hybrid search (BM25 + vectors, fused and reranked) without an answer',
      query: z.object({
        q: z.string().trim().min(1).max(2000).describe('the query'),
        kb: kbName.optional(),
        top: z.coerce.number().int().min(1).max(100).optional(),
        rerank: queryBoolean,
        explain: queryBoolean,
      }),
      response: searchResponse,
      async handle({ query, context }) {
        const result = await app.search({ query: query.q, kb: query.kb, top: query.top ?? 10, rerank: query.rerank, signal: context.req.raw.signal });
        return {
          query: query.q,
          corrections: result.query.corrections,
          evidence: round(result.evidence),
          hits: result.hits,
          ...(query.explain ? { trace: result.trace } : {}),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/ask',
      tag: 'ask',
      summary: 'Answer a question with verified citations (extractive, or by the configured model)',
      body: askBody,
      response: askResponse,
      handle: ({ body, context }) => runAsk(app, body, { signal: context.req.raw.signal }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/ask/stream',
      tag: 'ask',
      summary: 'Answer a question, streaming `token` events, then `done` with the cited answer',
      body: askBody,
      response: askResponse,
      sse: true,
      async handle({ body, context }) {
        return eventStream(context, secrets, async (sink) => {
          const result = await runAsk(app, body, { signal: sink.signal, onToken: (text) => sink.send('token', { text }) });
          sink.send('done', askResponse.parse(result));
        });
      },
    }),
  ];
}

/** Asks and shapes the answer for the API: every path relative to its knowledge base (never a server folder). */
export async function runAsk(app: App, body: AskBody, extra: Pick<AskRequest, 'signal' | 'onToken' | 'history'>) {
  const result = await app.ask({
    question: body.question,
    kb: body.kb,
    length: body.length,
    useLlm: body.useLlm,
    rerank: body.rerank,
    decoding: { temperature: body.temperature, topP: body.topP, maxTokens: body.maxTokens },
    ...extra,
  });
  return {
    question: result.question,
    mode: result.mode,
    refused: result.refused,
    answer: result.answer,
    citations: result.citations.map((citation) => ({ ...citation, path: apiPath(app.config.home, citation.kb, citation.path) })),
    evidence: round(result.evidence),
    model: result.model,
    unknownCitations: result.unknownCitations,
    nearest: result.nearest.map((hit) => ({
      ...hit,
      path: apiPath(app.config.home, hit.kb, hit.path),
      sources: hit.sources.map((source) => ({ ...source, path: apiPath(app.config.home, source.kb, source.path) })),
    })),
    calculation: result.calculation,
    ...(body.explain ? { trace: result.search.trace } : {}),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
