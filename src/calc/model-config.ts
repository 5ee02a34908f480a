// The shape of a decoder-only transformer as the calculators need it: plain data, no behaviour.
// Presets (presets-models.ts) and custom flags (custom-model.ts) both produce a ModelConfig.

/** gated = SwiGLU/GeGLU MLP with gate, up and down matrices; plain = GeLU MLP with up and down only. */
export type FfnKind = 'gated' | 'plain';
export type NormKind = 'rmsnorm' | 'layernorm';
export type PositionKind = 'rope' | 'alibi' | 'learned';

/** The linear layers of a block that LoRA can target (HF/PEFT names: q_proj ... down_proj). */
export type LinearTarget = 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down';
export const linearTargets: readonly LinearTarget[] = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];

export interface ModelConfig {
  /** Preset id, e.g. 'llama-2-7b', or 'custom' / 'generic-30b'. */
  id: string;
  /** Display name, e.g. 'LLaMA-2 7B'. */
  name: string;
  hiddenSize: number;
  layers: number;
  heads: number;
  /** Key/value heads: = heads for MHA, < heads for GQA, 1 for MQA. */
  kvHeads: number;
  headDim: number;
  intermediateSize: number;
  vocabSize: number;
  /** Input embedding and lm head share one matrix. */
  tiedEmbeddings: boolean;
  maxContextTokens: number;
  ffn: FfnKind;
  norm: NormKind;
  position: PositionKind;
  /** A LayerNorm right after the token embedding (BLOOM). */
  embeddingNorm: boolean;
  bias: { qkv: boolean; attentionOutput: boolean; ffn: boolean };
  /** Parameter count as published by the authors / model card, for the 1% check. */
  publishedParams: number | undefined;
  /** When set, memory is computed from this count instead of the one derived from the shape (--params, generic sizes). */
  paramsOverride: number | undefined;
  /** Where the configuration comes from. */
  source: string;
  notes: string[];
}
