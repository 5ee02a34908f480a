// Builds the shared text tools from the glossary: the domain dictionary for segmentation, the tokenizer used at
// index and query time, and the glossary index for query expansion.
import { domainTerms } from './domain-terms.js';
import { createGlossaryIndex, type GlossaryEntry, type GlossaryIndex } from './glossary.js';
import { normalizeText } from './normalize.js';
import { createDictionary, type Dictionary } from './segment.js';
import { createTokenizer, type Tokenize } from './tokenize.js';

export interface TextTools {
  tokenize: Tokenize;
  dictionary: Dictionary;
  glossary: GlossaryIndex;
}

export function createTextTools(glossaryEntries: readonly GlossaryEntry[]): TextTools {
  const chineseForms = glossaryEntries.flatMap((entry) => [...entry.zh, ...entry.aliases]).map(normalizeText);
  const dictionary = createDictionary([...domainTerms, ...chineseForms]);
  return {
    tokenize: createTokenizer(dictionary),
    dictionary,
    glossary: createGlossaryIndex(glossaryEntries, normalizeText),
  };
}
