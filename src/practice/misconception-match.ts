// Finds the wrong claims (bank `misconceptions`) an answer makes: a pattern is fragments joined by "..", matched in
// order within one sentence of the normalised answer; a fragment whose clause denies it ("不是近似", "does not",
// "而不是", "rather than") does not count, so a right answer that rejects the claim is not penalised. Pure.
import type { Misconception } from '../bank/bank-schema.js';
import { normalizeText } from '../text/normalize.js';
import { hasNegationCue, isHypotheticalAt, isNegatedAt } from './negation.js';
import { compactForm, phrasePattern } from './phrase-match.js';

export interface MisconceptionHit {
  misconception: Misconception;
  /** 0-based index in the item's misconceptions. */
  index: number;
  /** The pattern that matched and the sentence it matched in. */
  pattern: string;
  sentence: string;
}

/** Sentence ends: Chinese and Latin full stops, question and exclamation marks, semicolons, line breaks. */
const sentenceEnd = /[。！？!?;；\n]+|\.(?=\s|$)/;

export function splitSentences(normalized: string): string[] {
  return normalized
    .split(sentenceEnd)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

export function matchMisconceptions(misconceptions: readonly Misconception[], answer: string): MisconceptionHit[] {
  const sentences = splitSentences(normalizeText(answer));
  const hits: MisconceptionHit[] = [];
  misconceptions.forEach((misconception, index) => {
    for (const pattern of misconception.patterns) {
      const sentence = sentences.find((candidate) => matchesPattern(candidate, pattern));
      if (sentence !== undefined) {
        hits.push({ misconception, index, pattern, sentence });
        return;
      }
    }
  });
  return hits;
}

/** The fragments of a pattern in order within the sentence, none of them denied by its clause. */
export function matchesPattern(sentence: string, pattern: string): boolean {
  const fragments = pattern
    .split('..')
    .map((fragment) => fragment.trim())
    .filter((fragment) => fragment.length > 0);
  return fragments.length > 0 && matchFrom(sentence, fragments, 0, true);
}

/**
 * Most characters between two fragments of a pattern: a claim is said in one breath; farther apart, the fragments
 * belong to different statements ("g=h 就是 MHA,g=1 就是 MQA" must not match "g=1..MHA").
 */
const maxGap = 24;
/** A contrast between two fragments starts another statement ("因果满秩,而双向可能低秩"). */
const contrast = /而(?!且)|但|却|whereas|\bbut\b|however|while/;

function matchFrom(sentence: string, fragments: readonly string[], from: number, first: boolean): boolean {
  const [fragment, ...rest] = fragments;
  if (fragment === undefined) return true;
  const regex = fragmentPattern(fragment);
  if (!regex) return false;
  for (const match of sentence.slice(from).matchAll(new RegExp(regex.source, regex.flags))) {
    if (!first && match.index > maxGap) break;
    const at = from + match.index;
    if (!first && contrast.test(sentence.slice(from, at))) break;
    // Denied by a negation before it: in its clause for the first fragment, since the previous fragment for the others
    // ("SFT 不是完全学不到" denies "SFT..完全学不到"; "不需要 no_grad" still matches "不需要..no_grad").
    if (first ? isNegatedAt(sentence, at) : hasNegationCue(sentence.slice(from, at))) continue;
    if (first && isHypotheticalAt(sentence, at)) continue;
    if (matchFrom(sentence, rest, at + match[0].length, false)) return true;
  }
  return false;
}

/** A fragment's pattern; unlike aliases, a single Latin letter or digit is allowed ("a..b..都为 0"), as a whole word. */
function fragmentPattern(fragment: string): RegExp | undefined {
  const pattern = phrasePattern(fragment);
  if (pattern) return pattern;
  const compact = compactForm(fragment);
  return /^[a-z0-9]$/.test(compact) ? new RegExp(`(?<![a-z0-9])${compact}(?![a-z0-9])`, 'gu') : undefined;
}
