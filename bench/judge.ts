// Relevance judging on the generated corpus, the same for mianba and every peer: a result is relevant to a query
// labelled with bank ids when its question (or a heading above it, or the question text inside a prose chunk) was
// generated from one of those ids; note-path labels match the path of the result or of any copy of its question.
import { questionKeyOf } from '../src/ingest/index-units.js';
import { normalizeText } from '../src/text/normalize.js';
import type { CorpusTruth } from './corpus.js';

/** One ranked result, reduced to what judging needs. */
export interface RankedUnit {
  question: string | undefined;
  topic: string[];
  text: string;
  /** Path of the unit, then the paths of every other unit with the same question key. */
  paths: string[];
}

export interface JudgedQuery {
  query: string;
  kind: string;
  labels: string[];
  /** Labels that exist in the corpus: the ideal number of relevant results for NDCG. */
  available: number;
  isRelevant(unit: RankedUnit): boolean;
}

export function createJudge(truth: CorpusTruth, corpusPaths: string[]) {
  const keysById = invert(truth.bankIdsByKey);
  const headingsById = invert(truth.bankIdsByHeading);
  return (line: { query: string; kind: string; relevant: string[] }): JudgedQuery => {
    const pathLabels = line.relevant.filter(isPathLabel);
    const ids = line.relevant.filter((label) => !isPathLabel(label) && truth.presentIds.has(label));
    const keys = new Set(ids.flatMap((id) => [...(keysById.get(id) ?? [])]));
    const headings = new Set(ids.flatMap((id) => [...(headingsById.get(id) ?? [])]));
    const longKeys = [...keys].filter((key) => key.length >= 8);
    const available = ids.length + pathLabels.filter((label) => corpusPaths.some((path) => pathMatches(path, label))).length;
    const isRelevant = (unit: RankedUnit): boolean => {
      if (unit.paths.some((path) => pathLabels.some((label) => pathMatches(path, label)))) return true;
      if (keys.size === 0) return false;
      const own = unit.question ? questionKeyOf(unit.question) : undefined;
      if (own && keys.has(own)) return true;
      if (unit.topic.some((heading) => headings.has(heading) || keys.has(questionKeyOf(heading) ?? ''))) return true;
      if (unit.question || longKeys.length === 0) return false;
      const compact = compactText(unit.text);
      return longKeys.some((key) => compact.includes(key));
    };
    return { query: line.query, kind: line.kind, labels: line.relevant, available, isRelevant };
  };
}

/** Text as question keys see it: normalised, without punctuation or spaces. */
export function compactText(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

export function isPathLabel(label: string): boolean {
  return label.includes('/') || label.includes('.');
}

function pathMatches(path: string, label: string): boolean {
  return path === label || path.endsWith(`/${label}`);
}

function invert(map: Map<string, Set<string>>): Map<string, Set<string>> {
  const inverted = new Map<string, Set<string>>();
  for (const [key, ids] of map) {
    for (const id of ids) {
      const set = inverted.get(id) ?? new Set<string>();
      set.add(key);
      inverted.set(id, set);
    }
  }
  return inverted;
}
