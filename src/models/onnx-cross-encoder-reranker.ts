// Reranker over a local ONNX cross-encoder (e.g. a bge-reranker export) through the optional
// @huggingface/transformers package, remote loading disabled. Scores are sigmoid(logit) in [0, 1].
import { basename, resolve } from 'node:path';
import { loadTransformersPipeline } from './load-transformers-pipeline.js';
import type { RerankCandidate, Reranker, RerankQuery } from './reranker.js';

type Classifier = (
  inputs: { text: string; text_pair: string }[],
  options: { top_k: number | null },
) => Promise<{ label: string; score: number }[] | { label: string; score: number }[][]>;

export class OnnxCrossEncoderReranker implements Reranker {
  readonly id: string;
  private classifier: Classifier | undefined;
  private readonly directory: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
    this.id = `onnx-cross-encoder:${basename(this.directory)}`;
  }

  async rerank(query: RerankQuery, candidates: RerankCandidate[]): Promise<number[]> {
    if (candidates.length === 0) return [];
    const classifier = await this.load();
    const inputs = candidates.map((candidate) => ({ text: query.text, text_pair: `${candidate.question ?? ''}\n${candidate.text}`.slice(0, 2000) }));
    const outputs = await classifier(inputs, { top_k: null });
    return outputs.map((output) => {
      const first = Array.isArray(output) ? output[0] : output;
      return Math.min(1, Math.max(0, first?.score ?? 0));
    });
  }

  private async load(): Promise<Classifier> {
    this.classifier ??= (await loadTransformersPipeline(this.directory, 'text-classification', 'reranker')) as Classifier;
    return this.classifier;
  }
}
