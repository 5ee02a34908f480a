// Exact (brute-force) cosine search over a store's vectors. Vectors are unit length, so cosine = dot product.
import { AppError } from '../core/errors.js';
import type { Embedder } from '../models/embedder.js';
import type { Store } from '../store/store.js';

export interface VectorMatch {
  unitId: number;
  score: number;
}

export function searchVectors(store: Store, query: Float32Array, limit: number): VectorMatch[] {
  const { unitIds, dimensions, values } = store.vectorMatrix();
  if (dimensions !== query.length) return [];
  const scores = new Float32Array(unitIds.length);
  for (let row = 0; row < unitIds.length; row++) {
    let dot = 0;
    const offset = row * dimensions;
    for (let index = 0; index < dimensions; index++) dot += (values[offset + index] as number) * (query[index] as number);
    scores[row] = dot;
  }
  return topK(scores, limit).map((row) => ({ unitId: unitIds[row] as number, score: scores[row] as number }));
}

/** Cosine scores of the given units' vectors (fetched by id), best first. */
export function scoreVectorsOf(store: Store, query: Float32Array, unitIds: number[], limit: number): VectorMatch[] {
  const rows = store.vectorsFor(unitIds).filter((row) => row.vector.length === query.length);
  const scores = new Float32Array(rows.length);
  rows.forEach((row, index) => {
    let dot = 0;
    for (let dimension = 0; dimension < query.length; dimension++) dot += (row.vector[dimension] as number) * (query[dimension] as number);
    scores[index] = dot;
  });
  return topK(scores, limit).map((index) => ({ unitId: (rows[index] as { unitId: number }).unitId, score: scores[index] as number }));
}

/** Indices of the k largest scores, best first (one pass keeping a small sorted list). */
export function topK(scores: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let row = 0; row < scores.length; row++) {
    const score = scores[row] as number;
    if (best.length === k && score <= (scores[best[k - 1] as number] as number)) continue;
    let at = best.length;
    while (at > 0 && (scores[best[at - 1] as number] as number) < score) at--;
    best.splice(at, 0, row);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Throws when the store holds vectors of another embedder; the message names the command that re-embeds. */
export function assertSameEmbedder(store: Store, embedder: Embedder): void {
  const stored = store.embedder();
  if (stored && (stored.id !== embedder.id || stored.dimensions !== embedder.dimensions)) {
    throw new AppError(
      'embedder_mismatch',
      `knowledge base "${store.kb}" holds vectors from ${stored.id} (${stored.dimensions} dimensions) but the configured embedder is ${embedder.id} (${embedder.dimensions}); re-embed with: mianba kb reindex ${store.kb}`,
    );
  }
}
