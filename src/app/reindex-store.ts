// Re-embedding a knowledge base in place: every document's units get fresh tokens and vectors from the active
// tokenizer and embedder, one document per transaction (a crash leaves each document old or new, and the
// "rebuilding" mark makes the next open finish the job). Re-parsing from the source files goes through ingest instead.
import type { DocumentFormat } from '../core/types.js';
import { embeddingText, reindexUnit } from '../ingest/index-units.js';
import type { Embedder } from '../models/embedder.js';
import type { IndexIdentity, Store } from '../store/store.js';
import type { Tokenize } from '../text/tokenize.js';

/** Meta key set while a re-index runs; its presence on open means the last one was interrupted. */
export const rebuildingKey = 'index_rebuilding';

export interface ReembedOptions {
  tokenize: Tokenize;
  embedder: Embedder;
  identity: IndexIdentity;
  onProgress?: ((done: number, total: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export async function reembedStore(store: Store, options: ReembedOptions): Promise<{ documents: number; units: number }> {
  await store.setMeta(rebuildingKey, new Date().toISOString());
  // A new embedder drops the old vectors here, so old and new vectors never mix in one search.
  await store.setIdentity(options.identity);
  const documents = await store.listDocuments();
  const total = documents.reduce((sum, document) => sum + document.units, 0);
  let done = 0;
  options.onProgress?.(0, total);
  for (const document of documents) {
    options.signal?.throwIfAborted();
    const units = (await store.findUnits({ path: document.path })).map((unit) => reindexUnit(unit, options.tokenize));
    const vectors = units.length > 0 ? await options.embedder.embed(units.map((unit) => embeddingText({ ...unit.unit, questionEn: unit.questionEn }))) : [];
    units.forEach((unit, index) => {
      unit.vector = vectors[index];
    });
    const { path, contentHash, bytes, title } = document;
    await store.replaceDocument({ path, format: document.format as DocumentFormat, contentHash, bytes, title }, units);
    done += units.length;
    options.onProgress?.(done, total);
  }
  await store.setMeta(rebuildingKey, '');
  return { documents: documents.length, units: done };
}
