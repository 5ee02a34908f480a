// The English -> Chinese word lexicon (bank/lexicon.tsv, learned from the bilingual bank by
// scripts/build-lexicon.ts): lets an English question meet Chinese notes with no model. Pure parsing; the file is
// read by the composition root.

/** English token -> Chinese tokens, most probable first. */
export type Lexicon = ReadonlyMap<string, readonly string[]>;

/** What queries need of a lexicon: a lookup (a Map, or a lazy reader that loads the file on first use). */
export interface LexiconLookup {
  get(english: string): readonly string[] | undefined;
}

/**
 * Translations kept for queries: p(zh|en) >= 0.15 and at most two per word. Chosen on the tuning set
 * (test/fixtures/eval/retrieval-set.jsonl, kind "en"): 0.1/3 added noise (MRR -0.01), 0.3/1 lost "initialised" -> 初始化.
 */
export const lexiconMinProbability = 0.15;
export const lexiconMaxTranslations = 2;

export function parseLexicon(tsv: string): Lexicon {
  const lexicon = new Map<string, string[]>();
  for (const line of tsv.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [english, translations] = line.split('\t');
    if (!english || !translations) continue;
    const kept = translations
      .split(' ')
      .map((entry) => {
        const at = entry.lastIndexOf(':');
        return { word: entry.slice(0, at), p: Number(entry.slice(at + 1)) };
      })
      .filter((entry) => entry.word && entry.p >= lexiconMinProbability)
      .slice(0, lexiconMaxTranslations)
      .map((entry) => entry.word);
    if (kept.length > 0) lexicon.set(english, kept);
  }
  return lexicon;
}

/** The bank-learned lexicon first (domain senses), then the general dictionary's words, at most `max` per English token. */
export function mergeLexicons(primary: Lexicon, secondary: Lexicon, max = 4): Lexicon {
  const merged = new Map<string, readonly string[]>(primary);
  for (const [english, words] of secondary) {
    const own = merged.get(english) ?? [];
    merged.set(english, [...new Set([...own, ...words])].slice(0, Math.max(max, own.length)));
  }
  return merged;
}
