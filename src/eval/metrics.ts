// Retrieval and answer metrics, pure and bounded in [0, 1]: Hit@k, Recall@k, MRR@k, NDCG@k (binary relevance),
// Rouge-L F-measure (characters for Chinese, words for English), percentiles.

/** Ranks (1-based) of relevant results, in retrieved order; `relevant` tells if the result at a position is relevant. */
export function hitAtK(relevantFlags: boolean[], k: number): number {
  return relevantFlags.slice(0, k).some(Boolean) ? 1 : 0;
}

export function recallAtK(relevantFlags: boolean[], k: number, totalRelevant: number): number {
  if (totalRelevant <= 0) return 0;
  return Math.min(1, relevantFlags.slice(0, k).filter(Boolean).length / totalRelevant);
}

export function reciprocalRankAtK(relevantFlags: boolean[], k: number): number {
  const index = relevantFlags.slice(0, k).indexOf(true);
  return index === -1 ? 0 : 1 / (index + 1);
}

export function ndcgAtK(relevantFlags: boolean[], k: number, totalRelevant: number): number {
  let dcg = 0;
  relevantFlags.slice(0, k).forEach((relevant, index) => {
    if (relevant) dcg += 1 / Math.log2(index + 2);
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(k, totalRelevant); index++) ideal += 1 / Math.log2(index + 2);
  return ideal === 0 ? 0 : Math.min(1, dcg / ideal);
}

/** Rouge-L F1 over characters (Han text) or lower-cased words (other text), from the longest common subsequence. */
export function rougeL(candidate: string, reference: string): number {
  const a = rougeUnits(candidate);
  const b = rougeUnits(reference);
  if (a.length === 0 || b.length === 0) return 0;
  const lcs = lcsLength(a, b);
  if (lcs === 0) return 0;
  const precision = lcs / a.length;
  const recall = lcs / b.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Han characters one by one, Latin words and numbers whole; punctuation dropped. */
export function rougeUnits(text: string): string[] {
  return (text.toLowerCase().match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []).filter(Boolean);
}

export function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let row = 1; row <= a.length; row++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let column = 1; column <= b.length; column++) {
      current[column] =
        a[row - 1] === b[column - 1] ? (previous[column - 1] as number) + 1 : Math.max(previous[column] as number, current[column - 1] as number);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] as number;
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length;
}
