// Embedder over a local ONNX model directory through @huggingface/transformers (an optional dependency, not installed
// by default). Remote loading is disabled: a missing model is a clear error naming the directory, never a download
// or a hang. Mean pooling, L2-normalised (sentence-transformers style).
import { basename, resolve } from 'node:path';
import type { Embedder } from './embedder.js';
import { loadTransformersPipeline } from './load-transformers-pipeline.js';
import { unitLength } from './openai-compatible-embedder.js';

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: Float32Array; dims: number[] }>;

export class OnnxEmbedder implements Embedder {
  readonly id: string;
  dimensions = 0;
  private extractor: Extractor | undefined;
  private readonly directory: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
    this.id = `onnx:${basename(this.directory)}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.extractor ??= (await loadTransformersPipeline(this.directory, 'feature-extraction', 'embedder')) as Extractor;
    const output = await this.extractor(texts, { pooling: 'mean', normalize: true });
    const width = output.dims.at(-1) ?? 0;
    if (this.dimensions === 0) this.dimensions = width;
    return texts.map((_, index) => unitLength(output.data.subarray(index * width, (index + 1) * width)));
  }
}
