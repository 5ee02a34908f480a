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

/**
 * A lookup over a packed lexicon: O(log n) line probes, nothing parsed up front. Given the file's bytes, only the
 * probed keys and the found line are decoded (decoding all 550 KB of mostly Chinese text cost an English query
 * ~3 ms idle); tab and newline bytes never occur inside a UTF-8 sequence, so lines split the same way.
 */
export function packedLexiconLookup(packed: string | Uint8Array): LexiconLookup {
  if (typeof packed === 'string') return { get: (english) => findPacked(stringLines(packed), english) };
  const bytes = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  return { get: (english) => findPacked(byteLines(bytes), english) };
}

/** How findPacked reads a packed lexicon: positions of separators and the text between two positions. */
interface PackedLines {
  length: number;
  /** Position of the last newline before `before`, or -1. */
  newlineBefore(before: number): number;
  indexOf(separator: '\t' | '\n', from: number): number;
  text(start: number, end: number): string;
}

const stringLines = (packed: string): PackedLines => ({
  length: packed.length,
  newlineBefore: (before) => packed.lastIndexOf('\n', before - 1),
  indexOf: (separator, from) => packed.indexOf(separator, from),
  text: (start, end) => packed.slice(start, end),
});

const byteLines = (bytes: Buffer): PackedLines => ({
  length: bytes.length,
  // Buffer#lastIndexOf counts a negative offset from the end: nothing lies before position 0.
  newlineBefore: (before) => (before <= 0 ? -1 : bytes.lastIndexOf(10, before - 1)),
  indexOf: (separator, from) => bytes.indexOf(separator === '\t' ? 9 : 10, from),
  text: (start, end) => bytes.toString('utf8', start, end),
});

function findPacked(packed: PackedLines, english: string): string[] | undefined {
  // Invariant: every line that can hold `english` starts in [low, high), and `low` is a line start.
  let low = 0;
  let high = packed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = packed.newlineBefore(middle) + 1;
    const tab = packed.indexOf('\t', start);
    const newline = packed.indexOf('\n', start);
    const end = newline === -1 ? packed.length : newline;
    if (tab === -1 || tab > end) return undefined; // not a packed lexicon
    const key = packed.text(start, tab);
    if (key === english) return packed.text(tab + 1, end).split(' ');
    if (key < english) low = end + 1;
    else high = start;
  }
  return undefined;
}

function isPackable(text: string): boolean {
  return text.length > 0 && !text.includes('\t') && !text.includes('\n');
}
