// The one tokenizer of mianba: normalise, segment, stem Latin words, drop stopwords. Index and query share it.
import { normalizeText } from './normalize.js';
import { type Dictionary, segmentWords, stemLatin } from './segment.js';
import { isStopword } from './stopwords.js';

export type Tokenize = (text: string) => string[];

export function createTokenizer(dictionary: Dictionary): Tokenize {
  return (text) => tokensOf(normalizeText(text), dictionary);
}

/** Tokens of already-normalised text. */
export function tokensOf(normalized: string, dictionary: Dictionary): string[] {
  const tokens: string[] = [];
  for (const word of segmentWords(normalized, dictionary)) {
    // Words starting with an ASCII letter or digit are stemmed (a code test: a regex per word cost more).
    const first = word.charCodeAt(0);
    const token = (first >= 97 && first <= 122) || (first >= 48 && first <= 57) ? stemLatin(word) : word;
    if (!isStopword(token)) tokens.push(token);
  }
  return tokens;
}
