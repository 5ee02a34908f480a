// RAG-Fusion and HyDE, used only when an LLM is configured: the model writes query variants (or a hypothetical
// answer), each is searched, and the result lists are fused with RRF into one ranking.

import type { Hit } from '../core/types.js';
import type { ChatModel } from '../models/chat-model.js';
import { fuseRankings } from './fuse.js';
import { hydeMessages, multiQueryMessages } from './prompts.js';
import type { SearchResult } from './search-pipeline.js';

export interface LlmQueryRequest {
  question: string;
  kb?: string | undefined;
  multiQuery?: boolean | undefined;
  hyde?: boolean | undefined;
  rerank?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

type Search = (request: {
  query: string;
  kb?: string | undefined;
  top?: number;
  rerank?: boolean | undefined;
  signal?: AbortSignal | undefined;
}) => Promise<SearchResult>;

export async function searchWithLlmQueries(request: LlmQueryRequest, model: ChatModel, search: Search): Promise<SearchResult> {
  const queries = [request.question];
  if (request.multiQuery) {
    const reply = await model.chat(multiQueryMessages(request.question, 3), { signal: request.signal, temperature: 0.3 });
    queries.push(
      ...parseQueryLines(reply.text)
        .filter((line) => line !== request.question)
        .slice(0, 3),
    );
  }
  if (request.hyde) {
    const reply = await model.chat(hydeMessages(request.question), { signal: request.signal, temperature: 0.2 });
    if (reply.text.trim()) queries.push(reply.text.trim());
  }
  const results = await Promise.all(queries.map((query) => search({ query, kb: request.kb, top: 10, rerank: request.rerank, signal: request.signal })));
  const main = results[0] as SearchResult;
  const byKey = new Map<string, Hit>();
  for (const result of results) for (const hit of result.hits) byKey.set(`${hit.kb}:${hit.unitId}`, byKey.get(`${hit.kb}:${hit.unitId}`) ?? hit);
  const fused = fuseRankings(
    results.map((result, index) => ({ name: `query${index}`, weight: index === 0 ? 1.5 : 1, keys: result.hits.map((hit) => `${hit.kb}:${hit.unitId}`) })),
  );
  const hits = fused.slice(0, 8).map((item, index) => ({ ...(byKey.get(item.key) as Hit), rank: index + 1, score: Math.round(item.score * 10_000) / 10_000 }));
  return { ...main, hits, evidence: Math.max(...results.map((result) => result.evidence)) };
}

export function parseQueryLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:\d+[.)、]|[-*•])\s*/, '').trim())
    .filter((line) => line.length > 1);
}
