// The Reranker capability: score candidates for a query, higher is more relevant, one score per candidate in [0, 1].
import type { EvidenceFeatures } from '../retrieve/evidence.js';
import type { ProcessedQuery } from '../retrieve/query.js';

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
  /** Evidence features, when the pipeline has computed them (the built-in reranker then does not recompute). */
  features?: EvidenceFeatures | undefined;
}

export interface Reranker {
  readonly id: string;
  rerank(query: ProcessedQuery, candidates: RerankCandidate[], options?: { signal?: AbortSignal }): Promise<number[]>;
}
