// Index data of parsed units: BM25 tokens per field and the question key that merges near-duplicate questions
// across files ("same question, different punctuation or spacing"). Pure.
import { createHash } from 'node:crypto';
import type { ParsedDocument } from '../core/types.js';
import type { IndexedUnit } from '../store/store.js';
import { normalizeText } from '../text/normalize.js';
import type { Tokenize } from '../text/tokenize.js';
import { stripNumbering } from './extract-qa.js';

export function indexUnits(document: ParsedDocument, tokenize: Tokenize): IndexedUnit[] {
  return document.units.map((unit) => {
    const questionKey = unit.question ? questionKeyOf(unit.question) : undefined;
    return {
      unit,
      questionKey,
      questionId: questionKey ? questionIdOf(questionKey) : undefined,
      tokens: {
        question: unit.question ? tokenize(unit.question) : [],
        text: tokenize(unit.text),
        topic: tokenize(unit.topic.join(' ')),
      },
    };
  });
}

/** Normalised question without numbering, punctuation or spaces; equal keys are the same question. */
export function questionKeyOf(question: string): string | undefined {
  const key = normalizeText(stripNumbering(question)).replace(/[^\p{L}\p{N}]+/gu, '');
  return key.length >= 2 ? key : undefined;
}

export function questionIdOf(questionKey: string): string {
  return `q-${createHash('sha1').update(questionKey).digest('hex').slice(0, 10)}`;
}
