// ask = retrieve -> refuse when the evidence is weak (without calling the model) -> extractive answer, or an LLM
// answer over numbered passages whose [n] citations are verified against the passages actually given.

import { builtinKb } from '../core/kb-name.js';
import type { Answer, Citation, Hit } from '../core/types.js';
import type { ChatModel, DecodingOptions } from '../models/chat-model.js';
import { preference } from '../retrieve/evidence.js';
import type { SearchResult } from '../retrieve/search-pipeline.js';
import { NEAREST_QUESTIONS } from '../retrieve/tuning.js';
import type { Tokenize } from '../text/tokenize.js';
import { verifyCitations } from './citations.js';
import { type AnswerLength, type BankAnswerSource, extractiveAnswer, toCitation } from './extractive.js';
import { missingSubjects, type NameVocabulary, namedSubjects } from './named-subjects.js';
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
  dependencies: {
    chatModel?: ChatModel | undefined;
    tokenize: Tokenize;
    bankItem?: ((id: string) => BankAnswerSource | undefined) | undefined;
    /** Where the names a question asks about are looked up when checking an offline answer from notes. */
    names?: NameVocabulary | undefined;
  },
  options: AskOptions,
): Promise<AskResult> {
  const base = { question, evidence: search.evidence, nearest: search.hits.slice(0, NEAREST_QUESTIONS), search };
  const refusal = (unnamed: string[] = []): AskResult => ({
    ...base,
    mode: dependencies.chatModel ? 'llm' : 'extractive',
    refused: true,
    answer: refusalText(search.query.language, search.hits, unnamed),
    citations: [],
    unknownCitations: [],
    model: undefined,
  });
  if (search.hits.length === 0 || search.evidence < options.refusalThreshold) return refusal();
  const { chatModel } = dependencies;
  if (!chatModel) {
    const ranked = search.hits.map((hit) => search.trace.find((entry) => entry.finalRank === hit.rank));
    const answerFrom = (positions: number[]) =>
      extractiveAnswer({
        question,
        hits: positions.map((position) => search.hits[position] as Hit),
        evidence: ranked[positions[0] ?? 0]?.evidence ?? search.evidence,
        hitEvidence: positions.map((position) => ranked[position]?.evidence ?? 0),
        hitScores: positions.map((position) => {
          const entry = ranked[position];
          return entry ? preference(entry.features) : undefined;
        }),
        length: options.length,
        language: search.query.language,
        tokenize: dependencies.tokenize,
        expansion: search.query.expansion,
        bankItem: dependencies.bankItem,
      });
    let extractive = answerFrom(search.hits.map((_, position) => position));
    // Nothing in the passages speaks to the question (no sentence shares a word with it): an honest refusal, not an
    // empty answer.
    if (extractive.citations.length === 0 || !extractive.answer.trim()) return refusal();
    // A quote that never names what the question is about answers another question ("DPO vs PPO" answered with the
    // RLHF steps, "B of LoRA is zero" with a ZeRO note because "zero" matched). Answer from the hits that name every
    // subject, if one of them has the evidence to answer; otherwise refuse, saying which name is missing.
    // The bank's items are written to answer their questions (and the outline test holds them to it): only answers
    // quoted from notes are checked.
    const vocabulary = dependencies.names;
    if (vocabulary && extractive.citations.some((citation) => citation.kb !== builtinKb)) {
      const subjects = namedSubjects(question, vocabulary);
      const unnamed = missingSubjects(subjects, answeringTexts(extractive));
      if (unnamed.length > 0) {
        const naming = search.hits.flatMap((hit, position) =>
          missingSubjects(subjects, [`${hit.question ?? ''}\n${hit.text}`]).length === 0 ? [position] : [],
        );
        const retry = naming.length > 0 && (ranked[naming[0] as number]?.evidence ?? 0) >= options.refusalThreshold ? answerFrom(naming) : undefined;
        if (!retry || retry.citations.length === 0 || missingSubjects(subjects, answeringTexts(retry)).length > 0) {
          return refusal(unnamed.map((subject) => subject.written));
        }
        extractive = retry;
      }
    }
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

/**
 * What an offline answer stands on: its quoted text (without the "See also" line, which offers another question) and
 * the hits it cites, question and whole text, since a quoted sentence need not repeat the name ("B 初始化为 0" under
 * "LoRA 的初始化").
 */
function answeringTexts(answer: { answer: string; citations: Citation[] }): string[] {
  const body = answer.answer.split(/\n\n(?:另见|See also): /)[0] ?? answer.answer;
  const cited = new Set([...body.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
  return [body, ...answer.citations.filter((citation) => cited.has(citation.n)).map((citation) => `${citation.question ?? ''}\n${citation.text}`)];
}
