// Exact (brute-force) cosine search over a store's vectors. Vectors are unit length, so cosine = dot product.
import { AppError } from '../core/errors.js';
import type { Embedder } from '../models/embedder.js';
import type { Store } from '../store/store.js';

export interface VectorMatch {
  unitId: number;
  score: number;
}

export function searchVectors(store: Store, query: Float32Array, limit: number): VectorMatch[] {
  const best: VectorMatch[] = [];
  for (const { unitId, vector } of store.vectors()) {
    let dot = 0;
    for (let index = 0; index < vector.length; index++) dot += (vector[index] as number) * (query[index] as number);
    if (best.length < limit || dot > (best.at(-1)?.score ?? -1)) {
      best.push({ unitId, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > limit) best.pop();
    }
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
