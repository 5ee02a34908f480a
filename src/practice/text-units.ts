// Units for comparing an answer with a reference: Han characters one by one (character-level Chinese), Latin words
// and numbers whole (word-level English, plurals folded), punctuation dropped; and the language an answer is in. Pure.
import { normalizeText } from '../text/normalize.js';
import { stemLatin } from '../text/segment.js';

const unitPattern = /(\p{Script=Han})|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

export type AnswerLanguage = 'zh' | 'en';

/** Comparison units of raw text (normalised first). */
export function comparisonUnits(text: string): string[] {
  const units: string[] = [];
  for (const match of normalizeText(text).matchAll(unitPattern)) {
    if (match[1]) units.push(match[1]);
    else if (match[2]) units.push(stemLatin(match[2]));
  }
  return units;
}

/**
 * 'zh' when Han characters hold at least 30% of the text, counting an English word as two characters (about what it
 * carries); Chinese answers quote English terms freely, English answers rarely quote Chinese.
 */
export function languageOf(text: string): AnswerLanguage {
  const units = comparisonUnits(text);
  if (units.length === 0) return 'zh';
  const han = units.filter((unit) => /^\p{Script=Han}$/u.test(unit)).length;
  return han / (han + 2 * (units.length - han)) >= 0.3 ? 'zh' : 'en';
}
