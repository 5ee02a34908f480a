// Typo-tolerant Latin terms: a query word that is not a known form is corrected to the closest glossary word within
// Damerau-Levenshtein distance 1 (distance 2 for words of 7+ letters), e.g. "lroa" -> "lora", "atention" -> "attention".

export function correctLatinWord(word: string, vocabulary: ReadonlySet<string>): string | undefined {
  if (word.length < 4 || vocabulary.has(word) || /\d/.test(word)) return undefined;
  const limit = word.length >= 7 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of vocabulary) {
    if (Math.abs(candidate.length - word.length) > limit || (candidate[0] !== word[0] && limit === 1 && candidate.length < 5 && !sameLetters(candidate, word)))
      continue;
    const distance = damerauLevenshtein(word, candidate, limit);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
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
