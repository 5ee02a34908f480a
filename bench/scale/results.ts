// Shapes of the scale worker's results, shared by the worker (which prints them) and the summary (which reads them).

export interface LatencyResult {
  queries: number;
  /** The untimed-by-percentile first query of the phase (one-time loads included); absent in older results. */
  firstMs?: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/** A bench query and the bank question ids (or path suffixes) that answer it; empty = no planted answer. */
export interface ScaleQuery {
  query: string;
  relevant: string[];
}

export interface QualityResult {
  /** Queries with a planted answer that were run. */
  queries: number;
  hitAt5: number;
  mrrAt10: number;
  /**
   * The same by half of the query list: odd positions (0-based) are the tuning half retrieval changes were tuned on,
   * even positions the held-out half that judges them (absent in older results).
   */
  tuning?: HalfQuality;
  heldOut?: HalfQuality;
}

export interface HalfQuality {
  queries: number;
  hitAt5: number;
}

/** Tuning half = odd positions of the query list, held-out half = even ones. */
export function isTuningQuery(position: number): boolean {
  return position % 2 === 1;
}

export interface IngestResult {
  chunks: number;
  /** Bank questions stored before the synthetic chunks (absent in older results). */
  planted?: number;
  ingestMs: number;
  generateMs: number;
  tokenizeMs: number;
  embedMs: number;
  writeMs: number;
  /** UTF-8 bytes of the synthetic questions and texts. */
  bytes: number;
  units: number;
  dbBytes: number;
  maxRssMb: number;
}

export interface QueryResult {
  /** Peer: FTS5 alone, bm25() over every query token, ORDER BY rank LIMIT 50 (absent in older results). */
  fts5?: LatencyResult;
  lexical: LatencyResult;
  vector: LatencyResult;
  hybrid: LatencyResult;
  /** The full pipeline without the embedder: lexical lists, fusion, rerank, duplicate merge. */
  lexicalOnly: LatencyResult;
  /** Hit@5 of the default pipeline (with and without vectors) on the planted answers (absent in older results). */
  quality?: { hybrid: QualityResult; lexicalOnly: QualityResult };
  rssAfterOpenMb: number;
  /** Peak RSS after the search phases (fts5, lexical, hybrid, pipeline without vectors), before the full vector scan. */
  searchMaxRssMb?: number;
  maxRssMb: number;
  heapPeakMb: number;
}

export interface IvfResult {
  vectors: number;
  dimensions: number;
  vectorMegabytes: number;
  loadMs: number;
  exactInMemory: { queries: number; p50Ms: number; p99Ms: number };
  ivf: {
    nlist: number;
    trainMs: number;
    assignMs: number;
    probes: { nprobe: number; p50Ms: number; p99Ms: number; recallAt50: number; recallAt10: number; scannedShare: number }[];
  };
  maxRssMb: number;
}
