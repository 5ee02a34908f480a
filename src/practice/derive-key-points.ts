// Key points for questions that have none (the user's own notes): the 3-6 most informative sentences or bullets of
// the answer, each with its key terms (glossary terms it mentions, then its most distinctive words) as aliases. Pure.
import type { KeyPoint, QuestionItem } from '../bank/question-item.js';
import { textOf } from '../bank/question-item.js';
import { findTerms, formsOf, normalizeForm } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import type { TextTools } from '../text/text-tools.js';

const minPoints = 3;
const maxPoints = 6;
const maxAliases = 4;

/** The item's own key points, or points derived from its answer. */
export function keyPointsOf(item: QuestionItem, tools: TextTools): KeyPoint[] {
  return item.keyPoints.length > 0 ? item.keyPoints : deriveKeyPoints(textOf(item.answer), textOf(item.question), tools);
}

export function deriveKeyPoints(answer: string, question: string, tools: TextTools): KeyPoint[] {
  const questionTokens = new Set(tools.tokenize(question));
  const segments = splitSegments(answer)
    .map((text, order) => ({ text, order, tokens: [...new Set(tools.tokenize(text))].filter((token) => !questionTokens.has(token)) }))
    .filter((segment) => segment.tokens.length >= 2);
  if (segments.length === 0) return [];
  const frequency = new Map<string, number>();
  for (const segment of segments) for (const token of segment.tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const scored = segments.map((segment) => {
    const terms = glossaryFormsIn(segment.text, tools);
    return { ...segment, terms, score: segment.tokens.length + 2 * terms.length };
  });
  const count = Math.min(scored.length, Math.max(minPoints, Math.min(maxPoints, Math.ceil(scored.length / 2))));
  return scored
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, count)
    .sort((a, b) => a.order - b.order)
    .map((segment) => {
      const distinctive = segment.tokens
        .filter((token) => isContentWord(token) && (frequency.get(token) ?? 0) <= Math.max(1, segments.length / 2))
        .sort((a, b) => b.length - a.length);
      const aliases = [...new Set([...segment.terms, ...distinctive])].slice(0, maxAliases);
      return { zh: segment.text, en: segment.text, aliases: aliases.length > 0 ? aliases : segment.tokens.slice(0, maxAliases) };
    });
}

/** Sentences and list items of an answer, markers stripped. */
export function splitSegments(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(/(?<=[。！？；!?;])|(?<=[.])\s+(?=[A-Z\p{Script=Han}])/u))
    .map((segment) => segment.replace(/^\s*(?:[-*+•]|\d{1,2}[.)、]|[（(]?\d{1,2}[)）])\s*/, '').trim())
    .filter((segment) => segment.length >= 4);
}

function glossaryFormsIn(text: string, tools: TextTools): string[] {
  const normalized = normalizeText(text);
  const compact = normalizeForm(normalized);
  return findTerms(normalized, tools.glossary).flatMap((index) => {
    const entry = tools.glossary.entries[index];
    if (!entry) return [];
    const present = formsOf(entry)
      .filter((form) => compact.includes(normalizeForm(normalizeText(form))))
      .sort((a, b) => b.length - a.length);
    return present.slice(0, 1);
  });
}

function isContentWord(token: string): boolean {
  return /\p{Script=Han}/u.test(token) ? token.length >= 2 : token.length >= 4;
}
