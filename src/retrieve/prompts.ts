// Prompts that retrieval sends: query rewriting for RAG-Fusion and HyDE. Pure; snapshot-tested in prompts.test.ts.
import type { ChatMessage } from '../models/chat-model.js';

/** Query variants for RAG-Fusion: one per line, no numbering. */
export function multiQueryMessages(question: string, count: number): ChatMessage[] {
  return [
    {
      role: 'system',
      content: `Rewrite the user's search query into ${count} different search queries that could find relevant interview notes (mix Chinese and English terms). One query per line, nothing else.`,
    },
    { role: 'user', content: question },
  ];
}

/** HyDE: a hypothetical answer whose embedding is used for retrieval, never shown as an answer. */
export function hydeMessages(question: string): ChatMessage[] {
  return [
    { role: 'system', content: 'Write a short, factual passage (3-5 sentences) that would answer the interview question. It is used only for search.' },
    { role: 'user', content: question },
  ];
}
