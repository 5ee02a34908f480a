// ask = retrieve -> refuse when the evidence is weak (without calling the model) -> extractive answer, or an LLM
// answer over numbered passages whose [n] citations are verified against the passages actually given.
import type { Answer, Citation, Hit } from '../core/types.js';
import type { ChatModel, DecodingOptions } from '../models/chat-model.js';
import { preference } from '../retrieve/evidence.js';
import type { SearchResult } from '../retrieve/search-pipeline.js';
import { NEAREST_QUESTIONS } from '../retrieve/tuning.js';
import type { Tokenize } from '../text/tokenize.js';
import { verifyCitations } from './citations.js';
import { type AnswerLength, type BankAnswerSource, extractiveAnswer, toCitation } from './extractive.js';
import { answerMessages, type PromptPassage } from './prompts.js';
import { refusalText } from './refusal.js';

export interface AskOptions {
  length: AnswerLength;
  /** Evidence below this refuses (set by `mianba eval calibrate`). */
  refusalThreshold: number;
  /** Passages given to the model. */
  passages: number;
  decoding: DecodingOptions;
  onToken?: ((text: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface AskResult extends Answer {
  evidence: number;
  /** Citation numbers the model used that match no passage (removed from the answer). */
  unknownCitations: number[];
  nearest: Hit[];
  search: SearchResult;
  model: string | undefined;
}

export async function answerQuestion(
  question: string,
  search: SearchResult,
  dependencies: { chatModel?: ChatModel | undefined; tokenize: Tokenize; bankItem?: ((id: string) => BankAnswerSource | undefined) | undefined },
  options: AskOptions,
): Promise<AskResult> {
  const base = { question, evidence: search.evidence, nearest: search.hits.slice(0, NEAREST_QUESTIONS), search };
  const refusal = (): AskResult => ({
    ...base,
    mode: dependencies.chatModel ? 'llm' : 'extractive',
    refused: true,
    answer: refusalText(search.query.language, search.hits),
    citations: [],
    unknownCitations: [],
    model: undefined,
  });
  if (search.hits.length === 0 || search.evidence < options.refusalThreshold) return refusal();
  const { chatModel } = dependencies;
  if (!chatModel) {
    const ranked = search.hits.map((hit) => search.trace.find((entry) => entry.finalRank === hit.rank));
    const extractive = extractiveAnswer({
      question,
      hits: search.hits,
      evidence: search.evidence,
      hitEvidence: ranked.map((entry) => entry?.evidence ?? 0),
      hitScores: ranked.map((entry) => (entry ? preference(entry.features) : undefined)),
      length: options.length,
      language: search.query.language,
      tokenize: dependencies.tokenize,
      expansion: search.query.expansion,
      bankItem: dependencies.bankItem,
    });
    // Nothing in the passages speaks to the question (no sentence shares a word with it): an honest refusal, not an
    // empty answer.
    if (extractive.citations.length === 0 || !extractive.answer.trim()) return refusal();
    return { ...base, mode: 'extractive', refused: false, answer: extractive.answer, citations: extractive.citations, unknownCitations: [], model: undefined };
  }
  const given = search.hits.slice(0, options.passages);
  const passages: PromptPassage[] = given.map((hit, index) => ({ n: index + 1, source: `${hit.path}:${hit.line}`, title: hit.question, text: hit.text }));
  const messages = answerMessages(question, passages, search.query.language, options.length);
  const result = await chatModel.chat(messages, { ...options.decoding, signal: options.signal, onToken: options.onToken });
  const verified = verifyCitations(result.text, passages.length);
  const citations: Citation[] = verified.used.sort((a, b) => a - b).map((n) => toCitation(given[n - 1] as Hit, n));
  return { ...base, mode: 'llm', refused: false, answer: verified.text.trim(), citations, unknownCitations: verified.unknown, model: chatModel.id };
}
