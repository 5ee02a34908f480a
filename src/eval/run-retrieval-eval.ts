// Runs a labelled set through several retrieval configurations and reports Hit@1/3/5/10, Recall@k, MRR@10,
// NDCG@10 overall and per kind, latency p50/p95, and refusal precision/recall at the configured threshold.
import type { SearchRequest } from '../app.js';
import type { SearchResult } from '../retrieve/search-pipeline.js';
import { type EvalLine, isRelevantHit } from './eval-set.js';
import { hitAtK, mean, ndcgAtK, percentile, recallAtK, reciprocalRankAtK } from './metrics.js';

export type RetrievalConfigName = 'bm25' | 'bm25+expand' | 'hybrid' | 'hybrid+rerank';
export const retrievalConfigs: Record<RetrievalConfigName, Pick<SearchRequest, 'rerank' | 'expand' | 'vector'>> = {
  bm25: { rerank: false, expand: false, vector: false },
  'bm25+expand': { rerank: false, expand: true, vector: false },
  hybrid: { rerank: false, expand: true, vector: true },
  'hybrid+rerank': { rerank: true, expand: true, vector: true },
};

export interface RetrievalMetrics {
  queries: number;
  hit1: number;
  hit3: number;
  hit5: number;
  hit10: number;
  recall5: number;
  recall10: number;
  mrr10: number;
  ndcg10: number;
}

export interface QueryOutcome {
  query: string;
  kind: string;
  /** 1-based rank of the first relevant hit, undefined when none in the top 10 or unanswerable. */
  firstRelevantRank: number | undefined;
  evidence: number;
  answerable: boolean;
  latencyMs: number;
}

export interface ConfigReport {
  config: string;
  overall: RetrievalMetrics;
  byKind: Record<string, RetrievalMetrics>;
  latencyMs: { p50: number; p95: number };
  refusal: { threshold: number; precision: number; recall: number };
  outcomes: QueryOutcome[];
}

type Search = (request: SearchRequest) => Promise<SearchResult>;

export async function evaluateRetrieval(
  lines: EvalLine[],
  search: Search,
  config: RetrievalConfigName,
  kb: string | undefined,
  threshold: number,
): Promise<ConfigReport> {
  const outcomes: QueryOutcome[] = [];
  const flagsByQuery: { line: EvalLine; flags: boolean[] }[] = [];
  for (const line of lines) {
    const started = performance.now();
    const result = await search({ query: line.query, kb, top: 10, ...retrievalConfigs[config] });
    const latencyMs = performance.now() - started;
    const flags = result.hits.map((hit) => isRelevantHit(hit, line.relevant));
    const rank = flags.indexOf(true);
    flagsByQuery.push({ line, flags });
    outcomes.push({
      query: line.query,
      kind: line.kind,
      firstRelevantRank: rank === -1 ? undefined : rank + 1,
      evidence: result.evidence,
      answerable: line.relevant.length > 0,
      latencyMs,
    });
  }
  const answerable = flagsByQuery.filter((entry) => entry.line.relevant.length > 0);
  const kinds = [...new Set(answerable.map((entry) => entry.line.kind))].sort();
  return {
    config,
    overall: metricsOf(answerable),
    byKind: Object.fromEntries(kinds.map((kind) => [kind, metricsOf(answerable.filter((entry) => entry.line.kind === kind))])),
    latencyMs: {
      p50: percentile(
        outcomes.map((o) => o.latencyMs),
        0.5,
      ),
      p95: percentile(
        outcomes.map((o) => o.latencyMs),
        0.95,
      ),
    },
    refusal: { threshold, ...refusalAt(outcomes, threshold) },
    outcomes,
  };
}

function metricsOf(entries: { line: EvalLine; flags: boolean[] }[]): RetrievalMetrics {
  const average = (metric: (flags: boolean[], total: number) => number) => mean(entries.map((entry) => metric(entry.flags, entry.line.relevant.length)));
  return {
    queries: entries.length,
    hit1: average((flags) => hitAtK(flags, 1)),
    hit3: average((flags) => hitAtK(flags, 3)),
    hit5: average((flags) => hitAtK(flags, 5)),
    hit10: average((flags) => hitAtK(flags, 10)),
    recall5: average((flags, total) => recallAtK(flags, 5, total)),
    recall10: average((flags, total) => recallAtK(flags, 10, total)),
    mrr10: average((flags) => reciprocalRankAtK(flags, 10)),
    ndcg10: average((flags, total) => ndcgAtK(flags, 10, total)),
  };
}

/** Refusing = evidence below the threshold; the positives are the unanswerable queries. */
export function refusalAt(outcomes: Pick<QueryOutcome, 'evidence' | 'answerable'>[], threshold: number): { precision: number; recall: number } {
  const refused = outcomes.filter((outcome) => outcome.evidence < threshold);
  const unanswerable = outcomes.filter((outcome) => !outcome.answerable);
  const correct = refused.filter((outcome) => !outcome.answerable).length;
  return {
    precision: refused.length === 0 ? 1 : correct / refused.length,
    recall: unanswerable.length === 0 ? 1 : correct / unanswerable.length,
  };
}

/** The threshold with the best recall among those reaching the precision floor (else the best F1). */
export function calibrateThreshold(
  outcomes: Pick<QueryOutcome, 'evidence' | 'answerable'>[],
  precisionFloor = 0.9,
): { threshold: number; precision: number; recall: number; curve: { threshold: number; precision: number; recall: number }[] } {
  const candidates = [...new Set(outcomes.map((outcome) => Math.round(outcome.evidence * 1000) / 1000))].sort((a, b) => a - b);
  const curve = [0, ...candidates.map((value) => value + 0.0005)].map((threshold) => ({
    threshold: Math.round(threshold * 10_000) / 10_000,
    ...refusalAt(outcomes, threshold),
  }));
  const eligible = curve.filter((point) => point.precision >= precisionFloor && point.recall > 0);
  const pick = eligible.sort((a, b) => b.recall - a.recall || b.precision - a.precision || a.threshold - b.threshold)[0] ??
    [...curve].sort((a, b) => f1(b) - f1(a))[0] ?? { threshold: 0, precision: 1, recall: 0 };
  return { ...pick, curve };
}

function f1(point: { precision: number; recall: number }): number {
  return point.precision + point.recall === 0 ? 0 : (2 * point.precision * point.recall) / (point.precision + point.recall);
}
