// Finds a key-point phrase (an alias or a glossary form) in a normalised answer: separators between its characters
// are optional ("kv cache" = "KV-Cache" = "kvcache"), Latin edges must sit on word boundaries (long Latin aliases may
// be stems: "normaliz" matches "normalised"), and a mention inside a clause that denies it ("not", "没有", "而不是", see negation.ts) does not count. Pure.
import { normalizeForm } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import { hasNegationCue, isNegatedAt } from './negation.js';

export interface PhraseHit {
  /** The phrase as written in the key point or glossary. */
  phrase: string;
  at: number;
}

const separator = '[\\s\\-_/·.]*';
/** Latin aliases of at least this many characters that end in a letter also match longer words (stems). */
const stemLength = 5;
const cache = new Map<string, RegExp | undefined>();

/** The compact form of a phrase (normalised, separators removed), used to compare it with the question text. */
export function compactForm(phrase: string): string {
  return normalizeForm(normalizeText(phrase));
}

/** The first non-negated occurrence of `phrase` in `normalizedAnswer` (output of normalizeText), if any. */
export function findPhrase(normalizedAnswer: string, phrase: string): PhraseHit | undefined {
  const pattern = patternOf(phrase);
  if (!pattern) return undefined;
  pattern.lastIndex = 0;
  const negatedPhrase = isNegation(compactForm(phrase)) || hasNegationCue(normalizeText(phrase));
  for (const match of normalizedAnswer.matchAll(pattern)) {
    if (negatedPhrase || !isNegatedAt(normalizedAnswer, match.index)) return { phrase, at: match.index };
  }
  return undefined;
}

/** The (global, shared) regular expression that finds `phrase`; undefined for phrases too short to match safely. */
export function phrasePattern(phrase: string): RegExp | undefined {
  return patternOf(phrase);
}

function patternOf(phrase: string): RegExp | undefined {
  if (cache.has(phrase)) return cache.get(phrase);
  const compact = compactForm(phrase);
  let pattern: RegExp | undefined;
  if (compact.length >= 2 || /^\p{Script=Han}$/u.test(compact)) {
    const body = [...compact].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(separator);
    const left = /^[a-z0-9]/.test(compact) ? '(?<![a-z0-9])' : '';
    const stem = compact.length >= stemLength && /[a-z]$/.test(compact);
    const right = /[a-z0-9]$/.test(compact) && !stem ? '(?![a-z0-9])' : '';
    pattern = new RegExp(`${left}${body}${right}`, 'gu');
  }
  cache.set(phrase, pattern);
  return pattern;
}

function isNegation(compact: string): boolean {
  return /^(?:no|not|without|不|没|无)/.test(compact);
}
