// The configuration defaults, written once: the schema's field defaults and the no-configuration fast path
// (defaultConfig, which skips loading zod) both read them; config.test.ts checks the two agree.

/** Retrieval defaults. refusalThreshold 0.05: precision 1.00 at recall 0.68 on retrieval-set.jsonl (tuning set, with
 * the 422-item bank; 0.07 gave 0.83/0.76). candidates 50 and rrfK 60 (Cormack et al. 2009): chosen. */
export const retrievalDefaults = {
  rrfK: 60,
  lexicalWeight: 1,
  vectorWeight: 1,
  rerank: true,
  expandQuery: true,
  refusalThreshold: 0.05,
  candidates: 50,
  reranker: 'builtin',
} as const;

/** FSRS target retention: the usual 0.9 (chosen). */
export const practiceDefaults = { desiredRetention: 0.9 } as const;

/** Largest file ingested, in MB (chosen: a 50 MB PDF parses in well under the per-file time budget). */
export const defaultMaxFileMb = 50;

/** The default knowledge base for ingest. */
export const defaultKb = 'default';
