// Typo-tolerant Latin terms: a query word that is not a known form is corrected to the closest glossary word within
// Damerau-Levenshtein distance 1 (distance 2 for words of 7+ letters), e.g. "lroa" -> "lora", "atention" -> "attention".

export function correctLatinWord(word: string, vocabulary: ReadonlySet<string>, prefer: (candidate: string) => boolean = () => false): string | undefined {
  if (word.length < 4 || vocabulary.has(word) || /\d/.test(word)) return undefined;
  const limit = word.length >= 7 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  const letters = letterCounts(word);
  for (let length = word.length - limit; length <= word.length + limit; length++) {
    for (const candidate of byLength(vocabulary).get(length) ?? []) {
      // An edit changes at most two letter counts; cheaper than the distance, this discards most candidates.
      if (letterDifference(letters, candidate) > 2 * limit) continue;
      const distance = damerauLevenshtein(word, candidate, limit);
      // Ties go to the candidate the context prefers ("prefix-tining" -> tuning, not tiling).
      if (distance < bestDistance || (distance === bestDistance && best !== undefined && !prefer(best) && prefer(candidate))) {
        bestDistance = distance;
        best = candidate;
      }
    }
  }
  return best;
}

const lengthIndex = new WeakMap<ReadonlySet<string>, Map<number, string[]>>();

function byLength(vocabulary: ReadonlySet<string>): Map<number, string[]> {
  let index = lengthIndex.get(vocabulary);
  if (!index) {
    index = new Map();
    for (const word of vocabulary) {
      const list = index.get(word.length) ?? [];
      list.push(word);
      index.set(word.length, list);
    }
    lengthIndex.set(vocabulary, index);
  }
  return index;
}

function letterCounts(word: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of word) counts.set(char, (counts.get(char) ?? 0) + 1);
  return counts;
}

/** Letters that would have to be added or removed to turn one letter multiset into the other (the larger side). */
function letterDifference(counts: Map<string, number>, other: string): number {
  const remaining = new Map(counts);
  let extra = 0;
  for (const char of other) {
    const left = remaining.get(char) ?? 0;
    if (left > 0) remaining.set(char, left - 1);
    else extra++;
  }
  let missing = 0;
  for (const left of remaining.values()) missing += left;
  return Math.max(extra, missing);
}

/** Optimal string alignment distance, stopping early above `limit`. */
export function damerauLevenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    let rowMinimum = Number.POSITIVE_INFINITY;
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      const current = table[row] as number[];
      const previous = table[row - 1] as number[];
      let value = Math.min((previous[column] as number) + 1, (current[column - 1] as number) + 1, (previous[column - 1] as number) + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        value = Math.min(value, ((table[row - 2] as number[])[column - 2] as number) + 1);
      }
      current[column] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
  }
  return (table[rows - 1] as number[])[columns - 1] as number;
}
