// A prepared table of Han gaps (the text between dictionary terms) and the words ICU splits each into, built by
// `npm run build` from the bank's own text (scripts/build-icu-gaps.ts). Segmentation looks a gap up here before it
// creates an Intl.Segmenter, whose first construction costs ~15-20 ms per process (V8 builds its set of ~800 available
// locales); a table made by another ICU is ignored. Pure: the caller reads the file.

/** The ICU words of a Han gap, or undefined when the table does not hold it (the caller asks ICU). */
export type GapWords = (gap: string) => readonly string[] | undefined;

/** What the table's words depend on: ICU's version (its dictionary and break rules) and its Unicode version. */
export function currentIcuIdentity(): string {
  return `icu ${process.versions.icu ?? 'none'} unicode ${process.versions.unicode ?? 'none'}`;
}

const headerOf = (identity: string) => `#mianba-icu-gaps 1 ${identity}`;

/**
 * Packs gaps and their words as "gap<TAB>code" lines after a header naming the ICU, sorted by their UTF-8 bytes so that
 * a lookup is a binary search over the file's bytes as read: nothing is decoded or parsed at load (decoding the 0.6 MB
 * table cost ~5 ms per process on the bench VM, a quarter of what the table saves). The code is the length of each
 * word as one digit when the words are the gap cut into pieces of at most 9 characters (nearly always: a Han gap is
 * all word characters), else a space and the words separated by spaces.
 */
export function packGapTable(entries: Iterable<readonly [string, readonly string[]]>, identity = currentIcuIdentity()): Buffer {
  const lines = new Map<string, Buffer>();
  for (const [gap, words] of entries) {
    if (!gap || /[\t\n]/.test(gap) || words.some((word) => !word || /\s/.test(word))) throw new Error(`icu gap table: unpackable entry ${JSON.stringify(gap)}`);
    const cut = words.join('') === gap && words.every((word) => word.length <= 9);
    lines.set(gap, Buffer.from(`${gap}\t${cut ? words.map((word) => word.length).join('') : ` ${words.join(' ')}`}`));
  }
  const keys = new Map([...lines.keys()].map((gap) => [gap, Buffer.from(gap)]));
  const sorted = [...lines].sort(([a], [b]) => Buffer.compare(keys.get(a) as Buffer, keys.get(b) as Buffer)).map(([, line]) => line);
  const separator = Buffer.from('\n');
  // The header always ends its line, so an empty table is still one the lookup recognises.
  return Buffer.concat([Buffer.from(headerOf(identity)), separator, ...sorted.flatMap((line, index) => (index ? [separator, line] : [line]))]);
}

/** A lookup over a packed table, or undefined when the table was made by another ICU (or is not a table). */
export function createGapLookup(table: Buffer, identity = currentIcuIdentity()): GapWords | undefined {
  const bodyStart = table.indexOf(newline) + 1;
  if (bodyStart === 0 || table.toString('utf8', 0, bodyStart - 1) !== headerOf(identity)) return undefined;
  return (gap) => {
    const key = Buffer.from(gap);
    // Binary search over lines: lo is always a line start, hi a line start or the end of the table.
    let lo = bodyStart;
    let hi = table.length;
    while (lo < hi) {
      const lineStart = table.lastIndexOf(newline, ((lo + hi) >>> 1) - 1) + 1;
      const tab = table.indexOf(tabByte, lineStart);
      const next = table.indexOf(newline, tab);
      const lineEnd = next < 0 ? table.length : next;
      const order = table.compare(key, 0, key.length, lineStart, tab);
      if (order === 0) return wordsOf(gap, table.toString('utf8', tab + 1, lineEnd));
      if (order < 0) lo = lineEnd + 1;
      else hi = lineStart;
    }
    return undefined;
  };
}

const newline = 0x0a;
const tabByte = 0x09;

function wordsOf(gap: string, code: string): string[] {
  if (code.startsWith(' ')) return code.length > 1 ? code.slice(1).split(' ') : [];
  const words: string[] = [];
  let offset = 0;
  for (const digit of code) {
    const length = digit.charCodeAt(0) - 48;
    words.push(gap.slice(offset, offset + length));
    offset += length;
  }
  return words;
}
