// What the scale tools (diagnose, profile, vector-reach, ab, the bench worker) search with: the bank's text tools,
// the built-in embedder and reranker over one scale store, with the default pipeline's options.
import { readBankIndex } from '../../src/bank/bank-data.js';
import { HashedNgramEmbedder } from '../../src/models/hashed-ngram-embedder.js';
import { FeatureReranker } from '../../src/retrieve/feature-reranker.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createTextTools } from '../../src/text/text-tools.js';

/** The options of a default hybrid search (top 10 of 50 candidates, RRF k 60, expansion and reranking on). */
export const scaleSearchOptions = { top: 10, candidates: 50, rrfK: 60, lexicalWeight: 1, vectorWeight: 1, expand: true, rerank: true };

export function openScaleSearch(db: string) {
  const index = readBankIndex();
  const tools = createTextTools(index.glossary, index.text);
  return { tools, embedder: new HashedNgramEmbedder(tools), reranker: new FeatureReranker(tools), store: openSqliteStore(db, 'scale') };
}
