// The Embedder capability: texts -> unit-length vectors of a fixed dimension. Vectors from different embedders
// never mix: stores record `id` and `dimensions` and refuse a mismatch.

export interface Embedder {
  /** Stable identity of the model and its settings, e.g. "builtin-hashed-ngrams-v2-d512". */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}
