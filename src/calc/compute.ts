// Compute estimates: training FLOPs ≈ 6·N·D and its wall-clock time at a given MFU, inference ≈ 2·N FLOPs per
// token, and the memory-bandwidth upper bound on decode speed (every step reads all weights plus the KV cache).
import type { KvDtype, WeightDtype } from './dtypes.js';
import type { Explanation, FormulaTerm } from './formula-term.js';
import { computeInferenceMemory } from './inference-memory.js';
import type { ModelConfig } from './model-config.js';
import type { GpuPreset } from './presets-gpus.js';
import { formatCount, formatScientific } from './quantities.js';

export interface ComputeInput {
  model: ModelConfig;
  /** Training tokens D; without it only inference figures are computed. */
  trainingTokens: number | undefined;
  gpu: GpuPreset;
  gpus: number;
  /** Model FLOPs utilisation: achieved / peak. */
  mfu: number;
  dtype: WeightDtype;
  kvDtype: KvDtype;
  groupSize: number;
  contextTokens: number;
  batch: number;
}

export interface ComputeResult extends Explanation {
  params: number;
  trainingFlops: number | undefined;
  trainingSeconds: number | undefined;
  trainingGpuHours: number | undefined;
  inferenceFlopsPerToken: number;
  bytesReadPerDecodeStep: number;
  /** Memory-bandwidth bound on generated tokens/s for the whole batch (ideal tensor parallel over the GPUs). */
  decodeTokensPerSecond: number;
  decodeTokensPerSecondPerSequence: number;
  /** Compute bound at peak FLOPS on tokens/s (what prefill can approach). */
  computeBoundTokensPerSecond: number;
}

/** Typical MFU of well-tuned large-scale training (PaLM reports 46%; 30-50% is common). */
export const defaultMfu = 0.4;

export function computeCompute(input: ComputeInput): ComputeResult {
  const { model, gpu, gpus, mfu, batch, contextTokens } = input;
  const memory = computeInferenceMemory({
    model,
    dtype: input.dtype,
    kvDtype: input.kvDtype,
    contextTokens,
    batch,
    groupSize: input.groupSize,
    overheadFraction: 0,
  });
  const N = memory.params;
  const peakFlops = gpus * gpu.fp16Tflops * 1e12;
  const terms: FormulaTerm[] = [];
  let trainingFlops: number | undefined;
  let trainingSeconds: number | undefined;
  if (input.trainingTokens !== undefined) {
    trainingFlops = 6 * N * input.trainingTokens;
    trainingSeconds = trainingFlops / (peakFlops * mfu);
    terms.push(
      {
        label: 'training FLOPs',
        formula: '6 × N × D',
        substitution: `6 × ${formatCount(N)} × ${formatCount(input.trainingTokens)}`,
        value: trainingFlops,
        unit: 'FLOPs',
      },
      {
        label: 'training time',
        formula: 'FLOPs / (GPUs × peak TFLOPS × MFU)',
        substitution: `${formatScientific(trainingFlops)} / (${gpus} × ${gpu.fp16Tflops}e12 × ${mfu})`,
        value: trainingSeconds,
        unit: 'seconds',
      },
    );
  }
  const inferenceFlopsPerToken = 2 * N;
  const bytesReadPerDecodeStep = memory.weightsBytes + memory.kvCacheBytes;
  const stepsPerSecond = (gpus * gpu.bandwidthGBps * 1e9) / bytesReadPerDecodeStep;
  const computeBoundTokensPerSecond = peakFlops / inferenceFlopsPerToken;
  terms.push(
    { label: 'inference FLOPs per token', formula: '2 × N', substitution: `2 × ${formatCount(N)}`, value: inferenceFlopsPerToken, unit: 'FLOPs' },
    {
      label: 'bytes read per decode step',
      formula: 'weights + batch × KV cache of the context',
      substitution: `${formatCount(memory.weightsBytes)} + ${batch} × ${contextTokens} × ${memory.kvCacheBytesPerToken}`,
      value: bytesReadPerDecodeStep,
      unit: 'bytes',
    },
    {
      label: 'decode tokens/s (bandwidth bound)',
      formula: 'batch × GPUs × bandwidth / bytes per step',
      substitution: `${batch} × ${gpus} × ${gpu.bandwidthGBps}e9 / ${formatScientific(bytesReadPerDecodeStep)}`,
      value: stepsPerSecond * batch,
      unit: 'tokens/s',
    },
    {
      label: 'tokens/s (compute bound, peak)',
      formula: 'GPUs × peak FLOPS / (2 × N)',
      substitution: `${gpus} × ${gpu.fp16Tflops}e12 / ${formatScientific(inferenceFlopsPerToken)}`,
      value: computeBoundTokensPerSecond,
      unit: 'tokens/s',
    },
  );
  const attentionFlopsPerToken = 2 * model.layers * contextTokens * model.heads * model.headDim;
  return {
    params: N,
    trainingFlops,
    trainingSeconds,
    trainingGpuHours: trainingSeconds === undefined ? undefined : (trainingSeconds * gpus) / 3600,
    inferenceFlopsPerToken,
    bytesReadPerDecodeStep,
    decodeTokensPerSecond: Math.min(stepsPerSecond * batch, computeBoundTokensPerSecond),
    decodeTokensPerSecondPerSequence: Math.min(stepsPerSecond, computeBoundTokensPerSecond / batch),
    computeBoundTokensPerSecond,
    terms,
    assumptions: [
      'N is the total parameter count including embeddings (Chinchilla convention; Kaplan et al. use non-embedding N).',
      '6·N·D: forward 2·N + backward 4·N FLOPs per token; attention over the context is left out.',
      `Attention adds 2·layers·context·d_attn = ${formatScientific(attentionFlopsPerToken)} FLOPs per token at context ${contextTokens} (Kaplan et al. 2020 Table 1), not included in 2·N.`,
      `${gpu.name}: ${gpu.fp16Tflops} TFLOPS dense fp16/bf16, ${gpu.bandwidthGBps} GB/s; ${gpus} GPU(s) assumed to scale perfectly; MFU ${mfu}.`,
      `Decode: every step streams all weights (${input.dtype}) once for the batch and each sequence's KV cache (${input.kvDtype}, ${contextTokens} tokens) from HBM; real systems reach 50-80% of this bound.`,
    ],
    sources: [
      'Kaplan et al. 2020 "Scaling Laws for Neural Language Models" §2.1 (C ≈ 6·N·D, 2·N per token forward).',
      'Chowdhery et al. 2022 "PaLM" Appendix B (model FLOPs utilisation).',
      `${gpu.source}.`,
    ],
  };
}
