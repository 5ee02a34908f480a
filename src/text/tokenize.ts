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
    const token = /^[a-z0-9]/.test(word) ? stemLatin(word) : word;
    if (!isStopword(token)) tokens.push(token);
  }
  return tokens;
}
