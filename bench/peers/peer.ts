// What the quality bench asks of a search system: build an index over the corpus units, then return unit ids for a
// query. Results are collapsed per question (like mianba merges duplicate questions) before judging, so every
// system is scored on one hit per question.
import type { RankedUnit } from '../judge.js';

/** A unit as mianba's parser produced it, shared by every peer. */
export interface CorpusUnit {
  id: number;
  path: string;
  question: string | undefined;
  text: string;
  topic: string[];
  /** questionKeyOf(question): units with equal keys are the same question. */
  key: string | undefined;
}

export interface Peer {
  name: string;
  description: string;
  build(units: CorpusUnit[]): Promise<void> | void;
  /** Unit ids, best first. */
  search(query: string, limit: number): Promise<number[]> | number[];
  close?(): void;
}

/** Keeps the first unit per question key (prose units stand alone) and attaches every path of that question. */
export function collapseResults(ids: number[], units: CorpusUnit[], pathsByKey: Map<string, string[]>, top: number): RankedUnit[] {
  const ranked: RankedUnit[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (ranked.length >= top) break;
    const unit = units[id];
    if (!unit) continue;
    const identity = unit.key ?? `unit:${unit.id}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const others = unit.key ? (pathsByKey.get(unit.key) ?? []).filter((path) => path !== unit.path) : [];
    ranked.push({ question: unit.question, topic: unit.topic, text: unit.text, paths: [unit.path, ...others] });
  }
  return ranked;
}

export function pathsByQuestionKey(units: CorpusUnit[]): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const unit of units) if (unit.key) paths.set(unit.key, [...(paths.get(unit.key) ?? []), unit.path]);
  return paths;
}
