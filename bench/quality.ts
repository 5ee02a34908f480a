// Part 2: retrieval quality and speed of mianba (bm25, hybrid, hybrid+rerank through the real App) against
// MiniSearch+jieba, Orama+mandarin and SQLite FTS5, on the same corpus units, the same queries, in one process.

import { hitAtK, mean, ndcgAtK, percentile, reciprocalRankAtK } from '../src/eval/metrics.js';
import { retrievalConfigs } from '../src/eval/run-retrieval-eval.js';
import { createJudge, type JudgedQuery, type RankedUnit } from './judge.js';
import { log, round } from './machine.js';
import { createMiniSearchPeer } from './peers/minisearch-jieba.js';
import { createOramaPeer } from './peers/orama-mandarin.js';
import { collapseResults, type Peer, pathsByQuestionKey } from './peers/peer.js';
import { createFts5Peer } from './peers/sqlite-fts5.js';
import type { QuerySet } from './queries.js';
import { benchKb, type Workspace } from './workspace.js';

export interface QualityMetrics {
  queries: number;
  hit1: number;
  hit5: number;
  mrr10: number;
  ndcg10: number;
}

export interface SystemReport {
  name: string;
  family: 'mianba' | 'peer';
  description: string;
  build: { indexMs: number; totalMs: number; mbPerSecond: number };
  overall: QualityMetrics;
  byKind: Record<string, QualityMetrics>;
  latencyMs: { p50: number; p99: number; mean: number; samples: number };
  /** 1-based rank of the first relevant result per query (first pass), null when not in the top 10. */
  ranks: (number | null)[];
}

type Search = (query: string) => Promise<RankedUnit[]>;

export async function runQuality(workspace: Workspace, querySet: QuerySet, options: { repeat: number }) {
  const judge = createJudge(workspace.corpus.truth, workspace.files);
  const all = querySet.queries.map(judge);
  const judged = all.filter((query) => query.available > 0);
  const unanswerable = all.filter((query) => query.labels.length === 0).length;
  const notInCorpus = all.length - judged.length - unanswerable;
  log(`quality: ${judged.length} judged queries (${unanswerable} unanswerable, ${notInCorpus} with labels absent from the corpus)`);
  const mb = workspace.corpusBytes / 1e6;
  const systems: SystemReport[] = [];

  for (const [config, flags] of Object.entries(retrievalConfigs)) {
    if (config === 'bm25+expand') continue;
    const search: Search = async (query) => (await workspace.app.search({ query, kb: benchKb, top: 10, ...flags })).hits.map(hitToRanked);
    const build = { indexMs: workspace.ingestMs, totalMs: workspace.ingestMs, mbPerSecond: mb / (workspace.ingestMs / 1000) };
    const description = `mianba ${config}: App.search on kb "${benchKb}" (rerank ${flags.rerank}, expand ${flags.expand}, vector ${flags.vector})`;
    systems.push(await evaluate(`mianba ${config}`, 'mianba', description, build, search, judged, options.repeat));
  }

  const pathsByKey = pathsByQuestionKey(workspace.units);
  const peers: Peer[] = [createMiniSearchPeer(), createOramaPeer(), createFts5Peer('unicode61'), createFts5Peer('trigram')];
  for (const peer of peers) {
    const started = performance.now();
    await peer.build(workspace.units);
    const indexMs = performance.now() - started;
    const totalMs = indexMs + workspace.parseMs;
    const build = { indexMs, totalMs, mbPerSecond: mb / (totalMs / 1000) };
    const search: Search = async (query) => collapseResults(await peer.search(query, 50), workspace.units, pathsByKey, 10);
    systems.push(await evaluate(peer.name, 'peer', peer.description, build, search, judged, options.repeat));
    peer.close?.();
  }
  return {
    corpus: {
      files: workspace.files.length,
      megabytes: round(mb, 3),
      units: workspace.units.length,
      qaUnits: workspace.units.filter((unit) => unit.question).length,
      generatedQuestions: workspace.corpus.generatedQuestions,
      parseMs: round(workspace.parseMs, 1),
      parserCoverage: workspace.parserCoverage,
      ingestCounts: workspace.ingestCounts,
    },
    queries: { source: querySet.source, total: all.length, judged: judged.length, unanswerable, notInCorpus, skippedLines: querySet.skippedLines },
    systems,
    ratios: ratiosOf(systems),
    losses: lossesOf(systems, judged),
  };
}

async function evaluate(
  name: string,
  family: SystemReport['family'],
  description: string,
  build: SystemReport['build'],
  search: Search,
  judged: JudgedQuery[],
  repeat: number,
): Promise<SystemReport> {
  for (const query of judged.slice(0, 5)) await search(query.query);
  const latencies: number[] = [];
  const flags: boolean[][] = [];
  for (let pass = 0; pass < repeat; pass++) {
    for (const query of judged) {
      const started = performance.now();
      const results = await search(query.query);
      latencies.push(performance.now() - started);
      if (pass === 0) flags.push(results.map((unit) => query.isRelevant(unit)));
    }
  }
  const kinds = [...new Set(judged.map((query) => query.kind))].sort();
  const metricsFor = (indexes: number[]): QualityMetrics => ({
    queries: indexes.length,
    hit1: round(mean(indexes.map((index) => hitAtK(flags[index] ?? [], 1)))),
    hit5: round(mean(indexes.map((index) => hitAtK(flags[index] ?? [], 5)))),
    mrr10: round(mean(indexes.map((index) => reciprocalRankAtK(flags[index] ?? [], 10)))),
    ndcg10: round(mean(indexes.map((index) => ndcgAtK(flags[index] ?? [], 10, judged[index]?.available ?? 1)))),
  });
  const indexes = judged.map((_, index) => index);
  const report: SystemReport = {
    name,
    family,
    description,
    build: { indexMs: round(build.indexMs, 1), totalMs: round(build.totalMs, 1), mbPerSecond: round(build.mbPerSecond, 3) },
    overall: metricsFor(indexes),
    byKind: Object.fromEntries(kinds.map((kind) => [kind, metricsFor(indexes.filter((index) => judged[index]?.kind === kind))])),
    latencyMs: { p50: round(percentile(latencies, 0.5)), p99: round(percentile(latencies, 0.99)), mean: round(mean(latencies)), samples: latencies.length },
    ranks: flags.map((list) => {
      const rank = list.indexOf(true);
      return rank === -1 ? null : rank + 1;
    }),
  };
  log(`${name}: Hit@5 ${report.overall.hit5} MRR@10 ${report.overall.mrr10} p50 ${report.latencyMs.p50} ms`);
  return report;
}

function hitToRanked(hit: { question: string | null; topic: string[]; text: string; path: string; sources: { path: string }[] }): RankedUnit {
  return {
    question: hit.question ?? undefined,
    topic: hit.topic,
    text: hit.text,
    paths: [hit.path, ...hit.sources.map((source) => source.path)],
  };
}

/** ours / peer for every mianba configuration and every peer (quality > 1 = we are better; latency > 1 = we are slower). */
function ratiosOf(systems: SystemReport[]) {
  const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b, 2));
  return systems
    .filter((ours) => ours.family === 'mianba')
    .flatMap((ours) =>
      systems
        .filter((peer) => peer.family === 'peer')
        .map((peer) => ({
          ours: ours.name,
          peer: peer.name,
          hit5: ratio(ours.overall.hit5, peer.overall.hit5),
          mrr10: ratio(ours.overall.mrr10, peer.overall.mrr10),
          ndcg10: ratio(ours.overall.ndcg10, peer.overall.ndcg10),
          latencyP50: ratio(ours.latencyMs.p50, peer.latencyMs.p50),
          latencyP99: ratio(ours.latencyMs.p99, peer.latencyMs.p99),
          buildThroughput: ratio(ours.build.mbPerSecond, peer.build.mbPerSecond),
        })),
    );
}

/** Queries a peer finds in its top 5 and the default mianba configuration does not. */
function lossesOf(systems: SystemReport[], judged: JudgedQuery[]) {
  const ours = systems.find((system) => system.name === 'mianba hybrid+rerank');
  if (!ours) return [];
  return systems
    .filter((system) => system.family === 'peer')
    .map((peer) => ({
      peer: peer.name,
      lost: judged.flatMap((query, index) => {
        const theirs = peer.ranks[index] ?? null;
        const mine = ours.ranks[index] ?? null;
        return theirs !== null && theirs <= 5 && (mine === null || mine > 5)
          ? [{ query: query.query, kind: query.kind, peerRank: theirs, oursRank: mine }]
          : [];
      }),
      won: judged.filter((_, index) => {
        const theirs = peer.ranks[index] ?? null;
        const mine = ours.ranks[index] ?? null;
        return mine !== null && mine <= 5 && (theirs === null || theirs > 5);
      }).length,
    }));
}
