// The hand-labelled definition set (test/fixtures/eval/definition-set.jsonl): bare "什么是 X?" / "What is X?" queries,
// each with the one item that defines X and the half it belongs to (tuning or held-out). Scored by the first hit.
import { readFileSync } from 'node:fs';

export interface DefinitionRow {
  query: string;
  relevant: string[];
  half: 'tuning' | 'held-out';
}

export interface HalfScore {
  /** Queries whose first hit is the defining item. */
  first: number;
  /** Queries with the defining item among the hits. */
  within: number;
  total: number;
  misses: string[];
}

export function readDefinitionSet(file: string): DefinitionRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DefinitionRow);
}

/** `search` returns the question ids of its hits, best first. */
export async function scoreByHalf(
  rows: readonly DefinitionRow[],
  search: (query: string) => Promise<(string | null)[]>,
): Promise<Map<DefinitionRow['half'], HalfScore>> {
  const halves = new Map<DefinitionRow['half'], HalfScore>();
  for (const row of rows) {
    const half = halves.get(row.half) ?? { first: 0, within: 0, total: 0, misses: [] };
    halves.set(row.half, half);
    const ids = await search(row.query);
    half.total++;
    if (row.relevant.includes(ids[0] ?? '')) half.first++;
    else half.misses.push(`${row.query} -> ${ids[0]} (expected ${row.relevant.join(', ')})`);
    if (ids.some((id) => row.relevant.includes(id ?? ''))) half.within++;
  }
  return halves;
}
