// Counts a model's parameters from its shape: embeddings, attention q/k/v/o (GQA-aware), FFN, norms, lm head, biases.
// Also gives the shape of every linear layer of a block, which LoRA and weight-only quantisation act on.
import type { LinearTarget, ModelConfig } from './model-config.js';

export interface ParameterCount {
  /** Token embeddings (+ learned positions, + embedding LayerNorm). */
  embedding: number;
  /** q, k, v, o weights and biases of all layers. */
  attention: number;
  /** MLP weights and biases of all layers. */
  ffn: number;
  /** Per-layer norms and the final norm. */
  norms: number;
  /** Output projection; 0 when tied to the embedding. */
  lmHead: number;
  total: number;
  /** Weights (no biases) of the block linears: what GPTQ/AWQ/NF4 quantise. Embeddings and lm head stay 16-bit. */
  blockLinearWeights: number;
}

export interface LinearShape {
  inFeatures: number;
  outFeatures: number;
}

/** Shapes of one block's linear layers; gate is absent for a plain (GeLU) MLP. */
export function linearShapes(model: ModelConfig): Partial<Record<LinearTarget, LinearShape>> {
  const h = model.hiddenSize;
  const qWidth = model.heads * model.headDim;
  const kvWidth = model.kvHeads * model.headDim;
  const i = model.intermediateSize;
  const shapes: Partial<Record<LinearTarget, LinearShape>> = {
    q: { inFeatures: h, outFeatures: qWidth },
    k: { inFeatures: h, outFeatures: kvWidth },
    v: { inFeatures: h, outFeatures: kvWidth },
    o: { inFeatures: qWidth, outFeatures: h },
    up: { inFeatures: h, outFeatures: i },
    down: { inFeatures: i, outFeatures: h },
  };
  if (model.ffn === 'gated') shapes.gate = { inFeatures: h, outFeatures: i };
  return shapes;
}

/** Exact parameter count derived from the configuration (ignores paramsOverride). */
export function countParameters(model: ModelConfig): ParameterCount {
  const h = model.hiddenSize;
  const shapes = linearShapes(model);
  const weightsOf = (target: LinearTarget) => {
    const shape = shapes[target];
    return shape ? shape.inFeatures * shape.outFeatures : 0;
  };
  const qWidth = model.heads * model.headDim;
  const kvWidth = model.kvHeads * model.headDim;
  const attentionWeights = weightsOf('q') + weightsOf('k') + weightsOf('v') + weightsOf('o');
  const attentionBiases = (model.bias.qkv ? qWidth + 2 * kvWidth : 0) + (model.bias.attentionOutput ? h : 0);
  const ffnWeights = weightsOf('gate') + weightsOf('up') + weightsOf('down');
  const ffnBiases = model.bias.ffn ? (model.ffn === 'gated' ? 2 : 1) * model.intermediateSize + h : 0;
  // RMSNorm has a weight per channel; LayerNorm a weight and a bias. Two norms per block plus the final one.
  const perNorm = model.norm === 'layernorm' ? 2 * h : h;
  const norms = (2 * model.layers + 1) * perNorm;
  const tokenEmbedding = model.vocabSize * h;
  const positions = model.position === 'learned' ? model.maxContextTokens * h : 0;
  const embedding = tokenEmbedding + positions + (model.embeddingNorm ? perNorm : 0);
  const attention = model.layers * (attentionWeights + attentionBiases);
  const ffn = model.layers * (ffnWeights + ffnBiases);
  const lmHead = model.tiedEmbeddings ? 0 : model.vocabSize * h;
  return {
    embedding,
    attention,
    ffn,
    norms,
    lmHead,
    total: embedding + attention + ffn + norms + lmHead,
    blockLinearWeights: model.layers * (attentionWeights + ffnWeights),
  };
}

/** The count memory is computed from: --params / generic size when given, else the count derived from the shape. */
export function effectiveParameters(model: ModelConfig): number {
  return model.paramsOverride ?? countParameters(model).total;
}

/** Share of the parameters that sit in block linears (quantisable), used to split an overridden count. */
export function blockLinearShare(model: ModelConfig): number {
  const count = countParameters(model);
  return count.blockLinearWeights / count.total;
}
