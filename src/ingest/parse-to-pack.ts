// One file's whole work in the parse worker: bytes -> parsed units, tokens and (given the thread embedder) vectors,
// packed for the trip back to the thread that stores. Pure apart from the format loaders; kept out of
// parse-worker.ts (which listens on its port when loaded) so tests and the bench can run it in-process.
import type { DocumentFormat } from '../core/types.js';
import type { Dictionary } from '../text/segment.js';
import type { Tokenize } from '../text/tokenize.js';
import { type PackedFile, packFile } from './packed-file.js';
import { parseAndIndex, parseAndIndexForEmbedding } from './parse-and-index.js';

/**
 * The thread embedder (createThreadEmbedder in hashed-ngram-embedder.ts): vectors of the texts, exactly the main
 * thread embedder's. `normalized`: the texts are normalizeText's output already, so it does not normalise them again.
 */
export type Embed = (texts: string[], normalized?: boolean) => Float32Array[];

export interface FileToPack {
  path: string;
  format: DocumentFormat;
  bytes: Uint8Array;
}

/**
 * With an embedder, each unit's question and text are normalised once for both its tokens and its embedding text
 * (normalizeLines: the same strings as normalising the embedding text again, which took ~8% of the worker's time).
 */
export async function parseFileToPack(file: FileToPack, tools: { dictionary: Dictionary; tokenize: Tokenize; embed?: Embed | undefined }): Promise<PackedFile> {
  if (!tools.embed) return packFile(await parseAndIndex(file.path, file.format, file.bytes, tools.tokenize));
  const { normalizedTexts, ...parsed } = await parseAndIndexForEmbedding(file.path, file.format, file.bytes, tools.dictionary);
  return packFile(parsed, tools.embed(normalizedTexts, true));
}
