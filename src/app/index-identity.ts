// What a knowledge base's index depends on, and whether a stored index still matches: the tokenizer (jieba plus our
// domain dictionary, which grows with the glossary) and the embedder. Pure apart from hashing.
import { AppError } from '../core/errors.js';
import type { IndexIdentity } from '../store/store.js';
import type { TextTools } from '../text/text-tools.js';
import { tokenizerFingerprint } from '../text/tokenizer-fingerprint.js';

/**
 * Bump when segmentation changes in code (normalisation, stemming, jieba version); dictionary and glossary changes
 * are covered by the fingerprint below.
 */
const tokenizerVersion = 'jieba-domain-v1';

/**
 * Id of the active tokenizer: its version and a fingerprint of the dictionary and glossary it segments with.
 * `prepared` is the fingerprint computed at build time for the glossary these tools were made from.
 */
export function tokenizerId(tools: TextTools, prepared?: string): string {
  let id = tokenizerIds.get(tools);
  if (id === undefined) {
    id = `${tokenizerVersion}-${prepared ?? tokenizerFingerprint(tools.glossary.entries)}`;
    tokenizerIds.set(tools, id);
  }
  return id;
}

/** Computed once per text tools: every store an App opens checks it. */
const tokenizerIds = new WeakMap<TextTools, string>();

export type IndexVerdict =
  /** Nothing recorded yet (a new knowledge base): record the active identity. */
  | { kind: 'new' }
  | { kind: 'current' }
  /** Tokens (and, for the cheap built-in embedder, vectors) must be rebuilt; done automatically. */
  | { kind: 'rebuild'; reason: string };

/**
 * Compares a stored identity with the active one. A different tokenizer, or another version of the built-in
 * embedder, is rebuilt automatically; vectors from a truly different embedder are an error (re-embedding with a
 * model can take long and cost money, so the user asks for it: `mianba kb reindex NAME`).
 */
export function compareIdentity(kb: string, stored: IndexIdentity | undefined, active: IndexIdentity, rebuilding: boolean): IndexVerdict {
  if (!stored) return { kind: 'new' };
  const sameEmbedder = stored.embedder.id === active.embedder.id && stored.embedder.dimensions === active.embedder.dimensions;
  if (!sameEmbedder && !(isBuiltinEmbedder(stored.embedder.id) && isBuiltinEmbedder(active.embedder.id)))
    throw new AppError(
      'embedder_mismatch',
      `knowledge base "${kb}" holds vectors from ${stored.embedder.id} (${stored.embedder.dimensions} dimensions) but the configured embedder is ${active.embedder.id} (${active.embedder.dimensions}); re-embed with: mianba kb reindex ${kb}`,
    );
  if (!sameEmbedder) return { kind: 'rebuild', reason: `the built-in embedder changed (${stored.embedder.id} -> ${active.embedder.id})` };
  if (rebuilding) return { kind: 'rebuild', reason: 'an earlier re-index did not finish' };
  if (stored.tokenizer !== active.tokenizer) return { kind: 'rebuild', reason: `the tokenizer changed (${stored.tokenizer} -> ${active.tokenizer})` };
  return { kind: 'current' };
}

/** Every version of the built-in hashed n-gram embedder: cheap to re-run, so its upgrades re-index automatically. */
export function isBuiltinEmbedder(id: string): boolean {
  return id.startsWith('builtin-hashed-ngrams-');
}
