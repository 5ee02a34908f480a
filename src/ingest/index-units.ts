// Index data of units, in ONE place: the BM25 tokens per field, the text an embedder sees, and the question key that
// merges near-duplicate questions across files ("same question, different punctuation or spacing"). Ingest, the
// built-in bank and re-indexing all build units through here. Pure.
import { createHash } from 'node:crypto';
import type { ParsedDocument, StoredUnit } from '../core/types.js';
import type { IndexedUnit, UnitTokens } from '../store/store.js';
import { normalizeLines, normalizeText } from '../text/normalize.js';
import type { Dictionary } from '../text/segment.js';
import { type Tokenize, tokensOf } from '../text/tokenize.js';
import { stripNumbering } from './extract-qa.js';

/** The fields of a unit that are indexed; English and extra text (bank key points, tags) are optional. */
export interface IndexableUnit {
  question: string | undefined;
  questionEn?: string | undefined;
  text: string;
  textEn?: string | undefined;
  topic: string[];
  topicEn?: string[] | undefined;
  /** More words that should find the unit through its text field (a bank item's key points). */
  extraText?: string | undefined;
}

export function indexUnits(document: ParsedDocument, tokenize: Tokenize): IndexedUnit[] {
  return document.units.map((unit) => {
    const questionKey = unit.question ? questionKeyOf(unit.question) : undefined;
    return { unit, questionKey, questionId: questionKey ? questionIdOf(questionKey) : undefined, tokens: unitTokens(unit, tokenize) };
  });
}

/**
 * indexUnits with the built-in tokenizer of `dictionary`, plus each unit's embedding text already normalised
 * (normalizeText(embeddingText(unit)), what HashedNgramEmbedder reads): the parse worker normalises a unit's question
 * and text once for both instead of twice (tokens, then the embedder). Same tokens as indexUnits.
 */
export function indexUnitsForEmbedding(document: ParsedDocument, dictionary: Dictionary): { units: IndexedUnit[]; normalizedTexts: string[] } {
  const normalizedTexts: string[] = [];
  const units = document.units.map((unit): IndexedUnit => {
    const questionKey = unit.question ? questionKeyOf(unit.question) : undefined;
    // Parsed units have no English or extra text: the fields are the question, the text and the topic path.
    const { each, joined } = normalizeLines(unit.question ? [unit.question, unit.text] : [unit.text]);
    const text = each.at(-1) as string;
    // embeddingText leaves an empty text out (no trailing line break).
    normalizedTexts.push(unit.text === '' ? (each.length > 1 ? (each[0] as string) : '') : joined);
    const tokens: UnitTokens = {
      question: unit.question ? tokensOf(each[0] as string, dictionary) : [],
      text: tokensOf(text, dictionary),
      topic: tokensOf(normalizeText(unit.topic.join(' ')), dictionary),
    };
    return { unit, questionKey, questionId: questionKey ? questionIdOf(questionKey) : undefined, tokens };
  });
  return { units, normalizedTexts };
}

/** BM25 tokens per field: question (and its English), text (English, extra text), topic path (and its English). */
export function unitTokens(unit: IndexableUnit, tokenize: Tokenize): UnitTokens {
  const question = [unit.question, unit.questionEn].filter(Boolean).join(' ');
  return {
    question: question ? tokenize(question) : [],
    text: tokenize([unit.text, unit.textEn, unit.extraText].filter(Boolean).join(' ')),
    topic: tokenize([...unit.topic, ...(unit.topicEn ?? [])].join(' ')),
  };
}

/** The text an embedder sees for a unit: the question (both languages when known) and the answer or chunk. */
export function embeddingText(unit: Pick<IndexableUnit, 'question' | 'questionEn' | 'text'>): string {
  return [unit.question, unit.questionEn, unit.text].filter(Boolean).join('\n');
}

/** A stored unit back as an IndexedUnit with fresh tokens (re-indexing with a new tokenizer); vector left unset. */
export function reindexUnit(unit: StoredUnit, tokenize: Tokenize): IndexedUnit {
  return {
    unit: { kind: unit.kind, question: unit.question, text: unit.text, topic: unit.topic, lineStart: unit.lineStart, lineEnd: unit.lineEnd },
    questionKey: unit.questionKey,
    questionId: unit.questionId,
    questionEn: unit.questionEn,
    textEn: unit.textEn,
    extra: unit.extra,
    tokens: unitTokens(unit, tokenize),
  };
}

/** Normalised question without numbering, punctuation or spaces; equal keys are the same question. */
export function questionKeyOf(question: string): string | undefined {
  const key = normalizeText(stripNumbering(question)).replace(/[^\p{L}\p{N}]+/gu, '');
  return key.length >= 2 ? key : undefined;
}

export function questionIdOf(questionKey: string): string {
  return `q-${createHash('sha1').update(questionKey).digest('hex').slice(0, 10)}`;
}
