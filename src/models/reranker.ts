// The Reranker capability: score candidates for a query, higher is more relevant, one score per candidate in [0, 1].
// Models know nothing of retrieval: the query is whatever the caller passes, at least its text (retrieve's
// ProcessedQuery is one), which keeps models/ below retrieve/ with no import back.

export interface RerankCandidate {
  key: string;
  question: string | undefined;
  questionEn: string | undefined;
  text: string;
  textEn: string | undefined;
  topic: string[];
  /** Distinct index tokens of the whole unit, when the store has them. */
  tokenSet?: ReadonlySet<string> | undefined;
  /** Score of the candidate after fusion, for rerankers that blend it in. */
  fusedScore: number;
}

/** What every reranker reads of a query. */
export interface RerankQuery {
  text: string;
}

export interface Reranker<Query extends RerankQuery = RerankQuery> {
  readonly id: string;
  rerank(query: Query, candidates: RerankCandidate[], options?: { signal?: AbortSignal }): Promise<number[]>;
}
