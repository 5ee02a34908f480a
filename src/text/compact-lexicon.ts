// A lexicon packed into one sorted string ("english\tzh zh\n" per line) and looked up by binary search over it, so
// a CLI call pays one file read (~1 ms) instead of parsing 25k entries into a Map (~40 ms plus GC at start-up).
// Pure: packing and lookup only; reading the file is the caller's job.
import type { Lexicon, LexiconLookup } from './lexicon.js';

/** Packs a lexicon into lines sorted by the English word (UTF-16 code unit order, the order `<` compares in). */
export function packLexicon(lexicon: Lexicon): string {
  const lines: string[] = [];
  for (const english of [...lexicon.keys()].sort()) {
    const words = lexicon.get(english) ?? [];
    if (!isPackable(english) || words.length === 0 || !words.every(isPackable) || words.some((word) => word.includes(' '))) continue;
    lines.push(`${english}\t${words.join(' ')}\n`);
  }
  return lines.join('');
}

/** A lookup over a packed lexicon: O(log n) line probes, nothing parsed up front. */
export function packedLexiconLookup(packed: string): LexiconLookup {
  return { get: (english) => findPacked(packed, english) };
}

function findPacked(packed: string, english: string): string[] | undefined {
  // Invariant: every line that can hold `english` starts in [low, high), and `low` is a line start.
  let low = 0;
  let high = packed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = packed.lastIndexOf('\n', middle - 1) + 1;
    const tab = packed.indexOf('\t', start);
    const newline = packed.indexOf('\n', start);
    const end = newline === -1 ? packed.length : newline;
    if (tab === -1 || tab > end) return undefined; // not a packed lexicon
    const key = packed.slice(start, tab);
    if (key === english) return packed.slice(tab + 1, end).split(' ');
    if (key < english) low = end + 1;
    else high = start;
  }
  return undefined;
}

function isPackable(text: string): boolean {
  return text.length > 0 && !text.includes('\t') && !text.includes('\n');
}
