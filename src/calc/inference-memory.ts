// Inference memory: weights by dtype (with group-quantisation overhead), KV cache (MHA/GQA/MQA-aware),
// activations of one forward pass and a framework overhead, each as an explained term. Pure arithmetic.
import { type KvDtype, kvBytesPerElement, quantisedWeightSize, unquantisedBytesPerWeight, type WeightDtype } from './dtypes.js';
import type { Explanation, FormulaTerm } from './formula-term.js';
import type { ModelConfig } from './model-config.js';
import { blockLinearShare, effectiveParameters } from './param-count.js';
import { formatBinaryBytes, formatCount } from './quantities.js';

export interface InferenceInput {
  model: ModelConfig;
  dtype: WeightDtype;
  kvDtype: KvDtype;
  contextTokens: number;
  batch: number;
  /** int4 quantisation group size. */
  groupSize: number;
  /** Fragmentation and runtime buffers as a share of weights + KV + activations. */
  overheadFraction: number;
}

export interface InferenceMemory extends Explanation {
  params: number;
  weightsBytes: number;
  kvCacheBytesPerToken: number;
  kvCacheBytes: number;
  activationBytes: number;
  overheadBytes: number;
  totalBytes: number;
}

/** Default overhead: 10% for allocator fragmentation, CUDA graphs and sampling buffers (rule of thumb). */
export const defaultOverheadFraction = 0.1;

export function computeInferenceMemory(input: InferenceInput): InferenceMemory {
  const { model, dtype, contextTokens, batch } = input;
  const params = effectiveParameters(model);
  const weights = weightsTerm(model, params, dtype, input.groupSize);
  const kvPerToken = kvCacheBytesPerToken(model, input.kvDtype);
  const kvCacheBytes = kvPerToken * contextTokens * batch;
  const kvBytes = kvBytesPerElement(input.kvDtype);
  const kvTerm: FormulaTerm = {
    label: 'KV cache',
    formula: '2 (K and V) × layers × kvHeads × headDim × seq × batch × bytes',
    substitution: `2 × ${model.layers} × ${model.kvHeads} × ${model.headDim} × ${contextTokens} × ${batch} × ${kvBytes}`,
    value: kvCacheBytes,
    unit: 'bytes',
  };
  const activationBytesPerValue = dtype === 'fp32' ? 4 : 2;
  const ffnTensors = model.ffn === 'gated' ? 3 : 2;
  const layerActivations = batch * contextTokens * (2 * model.hiddenSize + ffnTensors * model.intermediateSize) * activationBytesPerValue;
  const logits = batch * model.vocabSize * 4;
  const activationBytes = layerActivations + logits;
  const activationTerm: FormulaTerm = {
    label: 'activations (prefill peak)',
    formula: `batch × seq × (2·hidden + ${ffnTensors}·intermediate) × ${activationBytesPerValue} B + batch × vocab × 4 B`,
    substitution: `${batch} × ${contextTokens} × (2·${model.hiddenSize} + ${ffnTensors}·${model.intermediateSize}) × ${activationBytesPerValue} + ${batch} × ${model.vocabSize} × 4`,
    value: activationBytes,
    unit: 'bytes',
  };
  const subtotal = weights.value + kvCacheBytes + activationBytes;
  const overheadBytes = Math.round(subtotal * input.overheadFraction);
  const overheadTerm: FormulaTerm = {
    label: 'framework overhead',
    formula: 'overhead fraction × (weights + KV cache + activations)',
    substitution: `${input.overheadFraction} × ${formatBinaryBytes(subtotal)}`,
    value: overheadBytes,
    unit: 'bytes',
  };
  const totalBytes = subtotal + overheadBytes;
  return {
    params,
    weightsBytes: weights.value,
    kvCacheBytesPerToken: kvPerToken,
    kvCacheBytes,
    activationBytes,
    overheadBytes,
    totalBytes,
    terms: [
      weights,
      kvTerm,
      activationTerm,
      overheadTerm,
      { label: 'total', formula: 'weights + KV cache + activations + overhead', substitution: '', value: totalBytes, unit: 'bytes' },
    ],
    assumptions: [
      `KV cache: ${model.kvHeads === model.heads ? 'MHA' : model.kvHeads === 1 ? 'MQA' : 'GQA'} with ${model.kvHeads} KV heads of ${model.headDim} for ${model.heads} query heads, stored in ${input.kvDtype} for all ${contextTokens} positions of all ${batch} sequences (no paging waste, no sliding window).`,
      `Activations: one layer at a time during prefill with FlashAttention (no seq × seq score matrix): the residual stream and normed input (2·hidden) plus the ${ffnTensors} FFN intermediate tensors, and fp32 logits of the last position only; the whole context is prefilled at once (chunked prefill would need less).`,
      `Overhead: ${Math.round(input.overheadFraction * 100)}% of the above for allocator fragmentation, CUDA graphs and runtime buffers (rule of thumb; EleutherAI "Transformer Math 101" suggests ~20% over the weights).`,
      dtype === 'int4' || dtype === 'int8'
        ? 'Weight-only quantisation covers the block linears; embeddings, lm head, norms and biases stay fp16 (GPTQ/AWQ default).'
        : `All weights stored in ${dtype}.`,
      ...(model.paramsOverride !== undefined
        ? [`Parameter count ${formatCount(model.paramsOverride)} taken as given; the shape (${model.source}) only sets the KV cache and activations.`]
        : []),
      ...model.notes,
    ],
    sources: [
      `Model configuration: ${model.source}.`,
      'KV cache = 2·L·n_kv·d_head·s·b·bytes: Pope et al. 2022 "Efficiently Scaling Transformer Inference"; GQA: Ainslie et al. 2023; MQA: Shazeer 2019.',
      ...(dtype === 'int4' ? ['int4 layout (fp16 scale + 4-bit zero per group): Frantar et al. 2023 (GPTQ), Lin et al. 2024 (AWQ).'] : []),
      ...(dtype === 'int8' ? ['int8 row-wise scales: Dettmers et al. 2022 (LLM.int8()).'] : []),
    ],
  };
}

/** 2 × layers × kvHeads × headDim × bytes: one token's keys and values across all layers. */
export function kvCacheBytesPerToken(model: ModelConfig, kvDtype: KvDtype): number {
  return 2 * model.layers * model.kvHeads * model.headDim * kvBytesPerElement(kvDtype);
}

function weightsTerm(model: ModelConfig, params: number, dtype: WeightDtype, groupSize: number): FormulaTerm {
  if (dtype !== 'int4' && dtype !== 'int8') {
    const bytes = unquantisedBytesPerWeight(dtype);
    return {
      label: `weights (${dtype})`,
      formula: 'params × bytes per param',
      substitution: `${formatCount(params)} × ${bytes} B`,
      value: params * bytes,
      unit: 'bytes',
    };
  }
  const quantised = params * blockLinearShare(model);
  const kept = params - quantised;
  const size = quantisedWeightSize(dtype, groupSize, model.hiddenSize);
  return {
    label: `weights (${dtype}${dtype === 'int4' ? `, group ${groupSize}` : ''})`,
    formula: `block linears × (${size.formula}) + other params × 2 B`,
    substitution: `${formatCount(quantised)} × ${size.bytesPerWeight.toFixed(4)} + ${formatCount(kept)} × 2`,
    value: Math.round(quantised * size.bytesPerWeight + kept * 2),
    unit: 'bytes',
  };
}
