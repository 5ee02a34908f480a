// The built-in reranker: no model, only the evidence features blended with the fused retrieval score, nudged by
// whether a candidate asks what the query asks (intent) about the subject the query leads with.
import type { RerankCandidate, Reranker } from '../models/reranker.js';
import type { TextTools } from '../text/text-tools.js';
import { type EvidenceFeatures, evidenceFeatures, rankingEvidence } from './evidence.js';
import type { ProcessedQuery } from './query.js';
import { DEFINITION_WEIGHT, INTENT_WEIGHT, LEAD_WEIGHT, RERANK_EVIDENCE_WEIGHT, RERANK_FUSED_WEIGHT } from './tuning.js';

/** A candidate the pipeline may hand over with its evidence features already computed. */
const MAX_SCORE = RERANK_EVIDENCE_WEIGHT + RERANK_FUSED_WEIGHT + INTENT_WEIGHT + LEAD_WEIGHT + DEFINITION_WEIGHT;

export type FeatureCandidate = RerankCandidate & { features?: EvidenceFeatures | undefined };

export class FeatureReranker implements Reranker<ProcessedQuery, FeatureCandidate> {
  readonly id = 'builtin-features';

  constructor(private readonly tools: TextTools) {}

  async rerank(query: ProcessedQuery, candidates: FeatureCandidate[]): Promise<number[]> {
    const maxFused = Math.max(0, ...candidates.map((candidate) => candidate.fusedScore));
    return candidates.map((candidate) => {
      const features = candidate.features ?? evidenceFeatures(query, candidate, this.tools);
      const fused = maxFused > 0 ? candidate.fusedScore / maxFused : 0;
      const score =
        RERANK_EVIDENCE_WEIGHT * rankingEvidence(features) +
        RERANK_FUSED_WEIGHT * fused +
        INTENT_WEIGHT * features.intent +
        LEAD_WEIGHT * features.lead +
        DEFINITION_WEIGHT * features.definition;
      // Divided by the largest possible sum, so the score stays in [0, 1] as Reranker promises (order unchanged).
      return score / MAX_SCORE;
    });
  }
}
