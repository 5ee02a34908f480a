// Shapes of the scale worker's results, shared by the worker (which prints them) and the summary (which reads them).

export interface LatencyResult {
  queries: number;
  /** The untimed-by-percentile first query of the phase (one-time loads included); absent in older results. */
  firstMs?: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface IngestResult {
  chunks: number;
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
  lexical: LatencyResult;
  vector: LatencyResult;
  hybrid: LatencyResult;
  /** The full pipeline without the embedder: lexical lists, fusion, rerank, duplicate merge. */
  lexicalOnly: LatencyResult;
  rssAfterOpenMb: number;
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
