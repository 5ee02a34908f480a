// Query processing: the same normalisation and tokenizer as indexing, plus glossary expansion (zh <-> en <->
// abbreviation) and typo correction of Latin words against the glossary vocabulary; then the same query weighed
// against the searched stores (IDF, unseen words). Pure.
import { expansionTokens, findTerms, formsOf, type GlossaryIndex } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';
import type { TextTools } from '../text/text-tools.js';
import { correctLatinWord } from './typo.js';

/** A query as typed, normalised, tokenized and expanded: what the text alone says. */
export interface ParsedQuery {
  text: string;
  normalized: string;
  /** Tokens of the query as typed (after typo correction). */
  tokens: string[];
  /** Tokens added by glossary expansion, not in `tokens`. */
  expansion: string[];
  /** Chinese translations (bank lexicon) of the query's English words, also in `expansion`. */
  translations: Map<string, readonly string[]>;
  /** Glossary entries the query mentions. */
  terms: number[];
  corrections: { from: string; to: string }[];
  language: 'zh' | 'en';
}

/** A parsed query weighed against the stores searched: built by withCorpusStatistics, never filled in later. */
export interface ProcessedQuery extends ParsedQuery {
  /** Inverse document frequency of each query token over the searched stores (absent tokens weigh most). */
  idf: ReadonlyMap<string, number>;
  /** Query tokens that occur in no unit of the searched stores. */
  unseen: ReadonlySet<string>;
}

/** Document frequencies of some tokens in one store, and its unit count. */
export interface TokenStatistics {
  frequencies: Map<string, number>;
  units: number;
}

const vocabularyCache = new WeakMap<GlossaryIndex, Set<string>>();

export interface QueryOptions {
  expand: boolean;
  /** Words the knowledge base contains are never "corrected" (a note may well say "casual"). */
  isKnownWord?: (word: string) => boolean;
}

export function processQuery(text: string, tools: TextTools, options: QueryOptions = { expand: true }): ParsedQuery {
  const vocabulary = latinVocabulary(tools.glossary);
  const corrections: { from: string; to: string }[] = [];
  let normalized = normalizeText(text);
  const original = normalized;
  normalized = normalized.replace(/(?<![a-z0-9])[a-z]{4,}(?![a-z0-9])/g, (word, offset: number) => {
    if (vocabulary.has(word) || options.isKnownWord?.(word)) return word;
    // A candidate that forms a glossary term with the neighbouring word wins a tie.
    const before = /([a-z0-9]+)[\s-]*$/.exec(original.slice(0, offset))?.[1];
    const after = /^[\s-]*([a-z0-9]+)/.exec(original.slice(offset + word.length))?.[1];
    const formsTerm = (candidate: string) =>
      [before && `${before}${candidate}`, after && `${candidate}${after}`].some((form) => form && tools.glossary.byForm.has(form));
    const corrected = correctLatinWord(word, vocabulary, formsTerm);
    if (!corrected) return word;
    corrections.push({ from: word, to: corrected });
    return corrected;
  });
  const tokens = tools.tokenize(normalized);
  const terms = options.expand ? findTerms(normalized, tools.glossary) : [];
  const own = new Set(tokens);
  const expansion = expansionTokens(terms, tools.glossary, tools.tokenize).filter((token) => !own.has(token));
  const translations = new Map<string, readonly string[]>();
  const han = (normalized.match(/\p{Script=Han}/gu) ?? []).length;
  // Only an all-English question needs the lexicon: a mixed one already names its Chinese words.
  if (options.expand && han === 0) {
    for (const token of own) {
      const words = /^[a-z]/.test(token) ? tools.lexicon.get(token) : undefined;
      if (!words) continue;
      translations.set(token, words);
      for (const word of words) if (!own.has(word) && !expansion.includes(word)) expansion.push(word);
    }
  }
  // A question with any Chinese character is Chinese, whatever English terms it names ("vllm 的 pagedattention 原理").
  return { text, normalized, tokens, expansion, terms, corrections, language: han > 0 ? 'zh' : 'en', translations };
}

/** Latin words of all glossary forms, plus common English words of interview questions. */
function latinVocabulary(glossary: GlossaryIndex): Set<string> {
  const cached = vocabularyCache.get(glossary);
  if (cached) return cached;
  const words = new Set<string>([...commonWords, ...glossary.latinWords]);
  vocabularyCache.set(glossary, words);
  return words;
}

const commonWords = `what which where when does with from that this they them than then there these those have into
about model models large language train training trained inference memory speed faster slow slower work works
difference between compare explain describe why how many much long length text answer question would should could
need needs used using uses better best problem problems solve method methods different same other first second`.split(/\s+/);

/**
 * The query weighed against the searched stores' statistics: IDF of each token, and the tokens no unit contains. A
 * word whose glossary synonym occurs is not unseen ("KV cache" is covered by notes that say 键值缓存), nor is an
 * English word whose Chinese translation occurs ("initialised" -> 初始化). Pure: returns a new query.
 */
export function withCorpusStatistics(query: ParsedQuery, statistics: TokenStatistics[], tools: TextTools): ProcessedQuery {
  const seen = (token: string) => statistics.some((stat) => stat.frequencies.has(token));
  const coveredBySynonym = new Set(
    query.terms.flatMap((index) => {
      const forms = tools.glossary.entries[index];
      if (!forms) return [];
      const tokens = formsOf(forms).flatMap((form) => tools.tokenize(form));
      return tokens.some(seen) ? tokens : [];
    }),
  );
  const unseen = new Set(query.tokens.filter((token) => !seen(token) && !coveredBySynonym.has(token) && !(query.translations.get(token) ?? []).some(seen)));
  return { ...query, idf: idfWeights(query.tokens, statistics), unseen };
}

/** BM25-style IDF, log(1 + (N - df + 0.5) / (df + 0.5)), from document frequencies summed over stores. */
export function idfWeights(tokens: string[], stats: TokenStatistics[]): Map<string, number> {
  const total = stats.reduce((sum, stat) => sum + stat.units, 0);
  const weights = new Map<string, number>();
  for (const token of new Set(tokens)) {
    const df = stats.reduce((sum, stat) => sum + (stat.frequencies.get(token) ?? 0), 0);
    weights.set(token, Math.log(1 + (total - df + 0.5) / (df + 0.5)));
  }
  return weights;
}
