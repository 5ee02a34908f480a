// Reciprocal rank fusion (Cormack, Clarke & Buettcher 2009, k = 60): score(d) = sum_i w_i / (k + rank_i(d)).
// Pure and order-independent: the fused order does not depend on the order of the input lists.

export interface RankedList {
  name: string;
  weight: number;
  /** Keys in rank order, best first. */
  keys: string[];
}

export interface FusedItem {
  key: string;
  score: number;
  /** 1-based rank of the item in each list it appears in. */
  ranks: Record<string, number>;
}

export function fuseRankings(lists: RankedList[], k = 60): FusedItem[] {
  const fused = new Map<string, FusedItem>();
  for (const list of lists) {
    list.keys.forEach((key, index) => {
      const item = fused.get(key) ?? { key, score: 0, ranks: {} };
      if (item.ranks[list.name] !== undefined) return;
      item.ranks[list.name] = index + 1;
      item.score += list.weight / (k + index + 1);
      fused.set(key, item);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
