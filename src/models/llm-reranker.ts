// Reranker that asks the configured LLM to score passages 0-10 (JSON), blended with the built-in features so a
// confused model cannot push an irrelevant passage to the top on its own. Used when `retrieval.reranker` is "llm".
import { z } from 'zod';
import type { ChatModel } from './chat-model.js';
import { rerankMessages } from './rerank-prompts.js';
import type { RerankCandidate, Reranker, RerankQuery } from './reranker.js';

const replySchema = z.object({ scores: z.record(z.string(), z.number().min(0).max(10)) });

export class LlmReranker<Query extends RerankQuery = RerankQuery> implements Reranker<Query> {
  readonly id: string;

  constructor(
    private readonly model: ChatModel,
    private readonly fallback: Reranker<Query>,
    private readonly limit = 12,
  ) {
    this.id = `llm:${model.id}`;
  }

  async rerank(query: Query, candidates: RerankCandidate[], options: { signal?: AbortSignal } = {}): Promise<number[]> {
    const base = await this.fallback.rerank(query, candidates, options);
    const top = candidates.slice(0, this.limit);
    if (top.length === 0) return base;
    const passages = top.map((candidate, index) => ({ n: index + 1, title: candidate.question ?? null, text: candidate.text }));
    const reply = await this.model.chat(rerankMessages(query.text, passages), { signal: options.signal, temperature: 0, json: true });
    const parsed = replySchema.safeParse(parseJsonObject(reply.text));
    if (!parsed.success) return base;
    return base.map((score, index) => {
      const llmScore = index < top.length ? parsed.data.scores[String(index + 1)] : undefined;
      return llmScore === undefined ? score * 0.5 : 0.5 * score + 0.5 * (llmScore / 10);
    });
  }
}

/** The first {...} object in a reply (models sometimes wrap JSON in prose or code fences). */
export function parseJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
}
