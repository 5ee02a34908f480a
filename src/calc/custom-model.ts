// Models that are not (exactly) presets: a preset with some shape flags overridden, a shape given entirely by flags,
// or a generic LLaMA-like shape scaled to a parameter count ("a 30B model"). Bad shapes are usage errors.
import { AppError } from '../core/errors.js';
import type { FfnKind, ModelConfig } from './model-config.js';
import { modelPresets } from './presets-models.js';
import { formatCount } from './quantities.js';

export interface ModelShapeFlags {
  layers?: number;
  hidden?: number;
  heads?: number;
  kvHeads?: number;
  intermediate?: number;
  vocab?: number;
  params?: number;
  ffn?: FfnKind;
}

/** Applies shape flags to `base` (a preset) or builds a model from them; undefined when there is nothing to build. */
export function customModel(base: ModelConfig | undefined, flags: ModelShapeFlags): ModelConfig | undefined {
  const changed = Object.entries(flags)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (base && changed.length === 0) return base;
  if (!base && flags.layers === undefined && flags.hidden === undefined && flags.heads === undefined) {
    return flags.params === undefined ? undefined : genericModelForParams(flags.params);
  }
  if (!base && (flags.layers === undefined || flags.hidden === undefined || flags.heads === undefined)) {
    throw new AppError('usage', 'a custom model needs --layers, --hidden and --heads (and optionally --kv-heads --intermediate --vocab --params --ffn)');
  }
  const hidden = flags.hidden ?? base?.hiddenSize ?? 0;
  const heads = flags.heads ?? base?.heads ?? 0;
  const ffn = flags.ffn ?? base?.ffn ?? 'gated';
  const shapeChanged = flags.hidden !== undefined || flags.heads !== undefined;
  const kvHeads = flags.kvHeads ?? (base && !shapeChanged ? base.kvHeads : heads);
  if (hidden % heads !== 0) throw new AppError('usage', `--hidden (${hidden}) must be divisible by --heads (${heads})`);
  if (heads % kvHeads !== 0) throw new AppError('usage', `--heads (${heads}) must be divisible by --kv-heads (${kvHeads})`);
  const description = changed.map((key) => `${key} ${String(flags[key as keyof ModelShapeFlags])}`).join(', ');
  const template = base ?? llamaLikeShape(flags.layers ?? 0, hidden, heads);
  return {
    ...template,
    id: base ? `${base.id}-custom` : 'custom',
    name: base ? `${base.name} (custom: ${description})` : `custom (${description})`,
    hiddenSize: hidden,
    layers: flags.layers ?? template.layers,
    heads,
    kvHeads,
    headDim: shapeChanged || !base ? hidden / heads : base.headDim,
    intermediateSize: flags.intermediate ?? (shapeChanged || !base || flags.ffn ? defaultIntermediate(hidden, ffn) : base.intermediateSize),
    vocabSize: flags.vocab ?? template.vocabSize,
    ffn,
    publishedParams: undefined,
    paramsOverride: flags.params,
    source: base ? `${base.source}, overridden by flags` : 'command-line flags (LLaMA-like defaults: RMSNorm, RoPE, no biases, untied, vocab 32000)',
  };
}

/**
 * A LLaMA-like model of `params` parameters. Shape from N ≈ 12·L·h² with h = 128·L (the aspect ratio of LLaMA 7B/13B):
 * L = ∛(N / (12·128²)), h rounded to a multiple of 128; this recovers GPT-3's 96 × 12288 at 175B.
 */
export function genericModelForParams(params: number): ModelConfig {
  const layers = Math.max(2, Math.round(Math.cbrt(params / (12 * 128 * 128))));
  const hidden = Math.max(128, Math.round(Math.sqrt(params / (12 * layers)) / 128) * 128);
  const shape = llamaLikeShape(layers, hidden, hidden / 128);
  return {
    ...shape,
    id: `generic-${formatCount(params).toLowerCase()}`,
    name: `generic ${formatCount(params)} (LLaMA-like ${layers} layers × ${hidden})`,
    paramsOverride: params,
  };
}

/** The preset of a size like 7 (billion): same size in its id first (llama-2-7b for 7), else nearest within 10%. */
export function presetForSizeBillions(billions: number): ModelConfig | undefined {
  const byLabel = modelPresets.find((model) => Number(/(\d+(?:\.\d+)?)b\d*$/.exec(model.id)?.[1]) === billions);
  if (byLabel) return byLabel;
  const distance = (model: ModelConfig) => Math.abs(Math.log((model.publishedParams ?? 1) / (billions * 1e9)));
  const nearest = [...modelPresets].sort((left, right) => distance(left) - distance(right))[0];
  return nearest && distance(nearest) < Math.log(1.1) ? nearest : undefined;
}

/** A preset of that size, or a generic LLaMA-like model scaled to it. */
export function modelForSizeBillions(billions: number): ModelConfig {
  return presetForSizeBillions(billions) ?? genericModelForParams(billions * 1e9);
}

function llamaLikeShape(layers: number, hidden: number, heads: number): ModelConfig {
  return {
    id: 'custom',
    name: 'custom',
    hiddenSize: hidden,
    layers,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    intermediateSize: defaultIntermediate(hidden, 'gated'),
    vocabSize: 32000,
    tiedEmbeddings: false,
    maxContextTokens: 4096,
    ffn: 'gated',
    norm: 'rmsnorm',
    position: 'rope',
    embeddingNorm: false,
    bias: { qkv: false, attentionOutput: false, ffn: false },
    publishedParams: undefined,
    paramsOverride: undefined,
    source: 'generic LLaMA-like shape (RMSNorm, RoPE, SwiGLU, vocab 32000)',
    notes: [],
  };
}

/** LLaMA's SwiGLU width: 2/3 · 4h rounded up to a multiple of 256 (11008 at h = 4096); 4h for a GeLU MLP. */
function defaultIntermediate(hidden: number, ffn: FfnKind): number {
  return ffn === 'gated' ? Math.ceil((8 * hidden) / 3 / 256) * 256 : 4 * hidden;
}
