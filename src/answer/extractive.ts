// Offline answers, never invented text: the reference answer of a matching question, or else the best sentences of
// the top passages in reading order, each with its citation number. Pure.
import type { Citation, Hit } from '../core/types.js';
import { normalizeText } from '../text/normalize.js';
import type { Tokenize } from '../text/tokenize.js';

export type AnswerLength = 'brief' | 'full';

export interface ExtractiveAnswer {
  answer: string;
  citations: Citation[];
}

/** Evidence at or above this, with the best hit a Q&A with an answer, means "this question is in the notes". */
export const questionMatchEvidence = 0.5;

export function extractiveAnswer(question: string, hits: Hit[], evidence: number, length: AnswerLength, tokenize: Tokenize): ExtractiveAnswer {
  const best = hits[0];
  if (best?.question && best.text.trim() && evidence >= questionMatchEvidence) {
    const citation = toCitation(best, 1);
    const body = length === 'brief' ? briefOf(best.text) : best.text.trim();
    return { answer: `${body} [1]`, citations: [citation] };
  }
  return sentencesAnswer(question, hits.slice(0, 4), length, tokenize);
}

export function toCitation(hit: Hit, n: number): Citation {
  return { n, kb: hit.kb, path: hit.path, line: hit.line, question: hit.question, text: hit.text };
}

/** The opening paragraphs (at least ~120 characters, so a one-line set-up is not all), cut at a sentence end near 300. */
export function briefOf(text: string, limit = 300): string {
  let paragraph = '';
  for (const part of text.trim().split(/\n\s*\n/)) {
    paragraph = paragraph ? `${paragraph}\n\n${part}` : part;
    if (paragraph.length >= 120) break;
  }
  if (paragraph.length <= limit) return paragraph;
  const cut = paragraph.slice(0, limit);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('. '), cut.lastIndexOf('；'), cut.lastIndexOf('!'), cut.lastIndexOf('?'));
  return end > limit / 3 ? cut.slice(0, end + 1) : `${cut}…`;
}

function sentencesAnswer(question: string, hits: Hit[], length: AnswerLength, tokenize: Tokenize): ExtractiveAnswer {
  const queryTokens = new Set(tokenize(question));
  const scored: { hitIndex: number; order: number; sentence: string; score: number }[] = [];
  hits.forEach((hit, hitIndex) => {
    splitSentences(hit.text).forEach((sentence, order) => {
      const tokens = new Set(tokenize(sentence));
      let overlap = 0;
      for (const token of queryTokens) if (tokens.has(token)) overlap += /^\p{Script=Han}$/u.test(token) ? 0.5 : 1;
      if (overlap > 0) scored.push({ hitIndex, order, sentence, score: overlap / Math.sqrt(tokens.size + 1) - hitIndex * 0.05 });
    });
  });
  const limit = length === 'brief' ? 3 : 8;
  const chosen = scored.sort((a, b) => b.score - a.score).slice(0, limit);
  chosen.sort((a, b) => a.hitIndex - b.hitIndex || a.order - b.order);
  const numbers = new Map<number, number>();
  const citations: Citation[] = [];
  const parts = chosen.map((entry) => {
    let n = numbers.get(entry.hitIndex);
    if (n === undefined) {
      n = citations.length + 1;
      numbers.set(entry.hitIndex, n);
      citations.push(toCitation(hits[entry.hitIndex] as Hit, n));
    }
    return `${entry.sentence.trim()} [${n}]`;
  });
  return { answer: parts.join('\n'), citations };
}

export function splitSentences(text: string): string[] {
  return (text.match(/[^。！？!?\n]+(?:[。！？!?]+|\n|$)/g) ?? [])
    .map((sentence) => sentence.trim())
    .filter((sentence) => normalizeText(sentence).replace(/[^\p{L}\p{N}]/gu, '').length >= 4);
}
