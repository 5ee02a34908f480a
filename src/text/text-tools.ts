// Builds the shared text tools from the glossary: the domain dictionary for segmentation, the tokenizer used at
// index and query time, and the glossary index for query expansion. The derived data can be prepared at build time
// (prepareTextData) so that a CLI call does not normalise and segment hundreds of glossary forms at every start.

import { domainTerms } from './domain-terms.js';
import { createGlossaryIndex, type GlossaryEntry, type GlossaryIndex, genericTokens } from './glossary.js';
import type { GapWords } from './icu-gap-table.js';
import type { LexiconLookup } from './lexicon.js';
import { normalizeText } from './normalize.js';
import { createDictionary, type Dictionary } from './segment.js';
import { createTokenizer, type Tokenize } from './tokenize.js';

export interface TextTools {
  tokenize: Tokenize;
  dictionary: Dictionary;
  glossary: GlossaryIndex;
  /** English -> Chinese word translations for cross-lingual queries (empty when none is loaded). */
  lexicon: LexiconLookup;
}

/** Everything derived from the glossary, as plain JSON. */
export interface PreparedTextData {
  dictionaryTerms: string[];
  /** The dictionary already grouped by first character and sorted longest first (createDictionary's output). */
  dictionary?: [string, string[]][];
  /**
   * Glossary forms and the entries each names, packed by packForms ("form\tentry,entry\n…"): one string parses in a
   * fraction of the time of ~3,300 two-element arrays (~9 ms of CPU per CLI call on the bench VM). Pairs are still read.
   */
  forms: string | [string, number[]][];
  generic: string[];
  /** Latin words of the glossary, the vocabulary for typo correction. */
  latinWords: string[];
}

/** `gapWords`: ICU words of gaps prepared at build time (icu-gap-table.ts); the tokens are the same without it. */
export function createTextTools(
  glossaryEntries: readonly GlossaryEntry[],
  prepared?: PreparedTextData,
  lexicon: LexiconLookup = new Map(),
  gapWords?: GapWords,
): TextTools {
  const data = prepared ?? prepareTextData(glossaryEntries);
  // Grouped at build time: validating and grouping 3,300 terms cost ~10-50 ms (cold regexes) at every CLI start.
  const byFirstChar = data.dictionary ? new Map(data.dictionary) : createDictionary(data.dictionaryTerms).byFirstChar;
  const dictionary: Dictionary = { byFirstChar };
  // Not enumerable: the dictionary is sent to ingest's parse worker as data (structured clone), which skips it
  // (a function cannot be cloned); the worker segments with ICU alone, which gives the same tokens.
  if (gapWords) Object.defineProperty(dictionary, 'gapWords', { value: gapWords, enumerable: false });
  const byForm = typeof data.forms === 'string' ? unpackForms(data.forms) : new Map(data.forms);
  const glossary: GlossaryIndex = {
    entries: glossaryEntries,
    byForm,
    forms: [...byForm.keys()],
    generic: new Set(data.generic),
    latinWords: new Set(data.latinWords),
  };
  return { tokenize: createTokenizer(dictionary), dictionary, glossary, lexicon };
}

export function prepareTextData(glossaryEntries: readonly GlossaryEntry[]): PreparedTextData {
  const dictionaryTerms = [...new Set([...domainTerms, ...glossaryEntries.flatMap((entry) => [...entry.zh, ...entry.aliases]).map(normalizeText)])];
  const dictionary = createDictionary(dictionaryTerms);
  const tokenize = createTokenizer(dictionary);
  const index = createGlossaryIndex(glossaryEntries, normalizeText);
  return {
    dictionaryTerms,
    dictionary: [...dictionary.byFirstChar].map(([first, terms]) => [first, [...terms]]),
    forms: packForms(index.byForm),
    generic: [...genericTokens(glossaryEntries, tokenize)],
    latinWords: [...index.latinWords],
  };
}

/** "form\tentry,entry" lines; a form never holds a tab or a line break (normalised text), checked so none is lost. */
function packForms(byForm: ReadonlyMap<string, readonly number[]>): string {
  return [...byForm]
    .map(([form, entries]) => {
      if (/[\t\n]/.test(form)) throw new Error(`glossary form ${JSON.stringify(form)} holds a tab or a line break`);
      return `${form}\t${entries.join(',')}`;
    })
    .join('\n');
}

function unpackForms(packed: string): Map<string, number[]> {
  const byForm = new Map<string, number[]>();
  if (!packed) return byForm;
  for (const line of packed.split('\n')) {
    const tab = line.indexOf('\t');
    const entries = line.slice(tab + 1);
    byForm.set(line.slice(0, tab), entries ? entries.split(',').map(Number) : []);
  }
  return byForm;
}
