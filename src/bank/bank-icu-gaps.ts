// The Han gaps of the bank's own text and ICU's words for each: the content of dist/icu-gaps.txt (written by
// scripts/build-icu-gaps.ts). Every string of the compiled bank (questions, answers, glossary) and every dictionary
// term is tokenized with a lookup that records what it is asked, which is exactly the set segmentation hands to ICU.
// Run in its own process (the build script, a test): segmentation caches the recorder's empty answers.
import type { GlossaryEntry } from '../text/glossary.js';
import { createTextTools, type PreparedTextData } from '../text/text-tools.js';

export function bankIcuGaps(bank: unknown, glossary: readonly GlossaryEntry[], prepared?: PreparedTextData): [string, string[]][] {
  const gaps = new Set<string>();
  // The recorder answers every gap (with no words: only the set of gaps matters here), so segmentation never creates
  // its ICU segmenter, after which it would stop asking the table.
  const tools = createTextTools(glossary, prepared, undefined, (gap) => {
    gaps.add(gap);
    return [];
  });
  const hasHan = /\p{Script=Han}/u;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (hasHan.test(value)) tools.tokenize(value);
    } else if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object') for (const item of Object.values(value)) visit(item);
  };
  visit(bank);
  visit(glossary);
  visit(prepared?.dictionaryTerms ?? []);
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  return [...gaps].map((gap) => [gap, [...segmenter.segment(gap)].filter((part) => part.isWordLike).map((part) => part.segment)]);
}
