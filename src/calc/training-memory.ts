// Training memory per GPU: model states (weights, gradients, optimizer states) for full fine-tuning, LoRA or QLoRA,
// partitioned by ZeRO-1/2/3 across GPUs, optionally with the optimizer offloaded to CPU, plus activations.
import { computeActivationMemory } from './activation-memory.js';
import { nf4BytesPerWeight } from './dtypes.js';
import type { Explanation, FormulaTerm } from './formula-term.js';
import { loraParameters } from './lora.js';
import type { LinearTarget, ModelConfig } from './model-config.js';
import { type OptimizerKind, optimizerBytesPerParam, type TrainingPrecision } from './optimizer-states.js';
import { blockLinearShare, effectiveParameters } from './param-count.js';
import { formatCount } from './quantities.js';

export const trainingMethods = ['full', 'lora', 'qlora'] as const;
export type TrainingMethod = (typeof trainingMethods)[number];
export type ZeroStage = 0 | 1 | 2 | 3;

export interface TrainingInput {
  model: ModelConfig;
  method: TrainingMethod;
  optimizer: OptimizerKind;
  precision: TrainingPrecision;
  gpus: number;
  zeroStage: ZeroStage;
  /** ZeRO-Offload: optimizer states (incl. fp32 master weights) live in CPU memory and are updated there. */
  offload: boolean;
  checkpointing: boolean;
  flashAttention: boolean;
  seqLen: number;
  microBatch: number;
  loraRank: number;
  loraTargets: LinearTarget[];
}

export interface TrainingMemory extends Explanation {
  params: number;
  trainableParams: number;
  bytesPerTrainableParam: { weights: number; gradients: number; masterWeights: number; optimizerStates: number; total: number };
  perGpuBytes: number;
  breakdown: { weightsBytes: number; gradientsBytes: number; optimizerBytes: number; activationBytes: number };
  /** Weights + gradients + optimizer states of the whole model, before partitioning. */
  modelStatesBytes: number;
  /** Host memory holding the offloaded optimizer states (all ranks together). */
  cpuOffloadBytes: number;
}

export function computeTrainingMemory(input: TrainingInput): TrainingMemory {
  const { model, method, gpus: n, zeroStage: zero } = input;
  const params = effectiveParameters(model);
  const lora = method === 'full' ? undefined : loraParameters(model, input.loraRank, input.loraTargets);
  const trainableParams = lora ? lora.trainableParams : params;
  const perParam = optimizerBytesPerParam(input.optimizer, input.precision);
  const frozen = frozenWeights(model, params, method, input.precision);
  const weightsTotal = frozen.bytes + trainableParams * perParam.weights;
  const gradientsTotal = trainableParams * perParam.gradients;
  const optimizerTotal = trainableParams * (perParam.masterWeights + perParam.optimizerStates);
  const split = (stage: ZeroStage) => (zero >= stage ? n : 1);
  const weightsBytes = weightsTotal / split(3);
  const gradientsBytes = gradientsTotal / split(2);
  const optimizerBytes = input.offload ? 0 : optimizerTotal / split(1);
  const activations = computeActivationMemory(input);
  const perGpuBytes = weightsBytes + gradientsBytes + optimizerBytes + activations.bytes;
  const zeroNote = (stage: ZeroStage) => (zero >= stage && n > 1 ? ` / ${n} (ZeRO-${zero})` : '');
  const trainable = formatCount(trainableParams);
  const terms: FormulaTerm[] = [
    ...(lora
      ? [{ label: 'LoRA trainable params', formula: lora.formula, substitution: lora.substitution, value: lora.trainableParams, unit: 'params' as const }]
      : []),
    {
      label: 'weights',
      formula: `${lora ? 'frozen base + ' : ''}trainable × ${perParam.weights} B${zero >= 3 ? ' / GPUs' : ''}`,
      substitution: `${lora ? `${frozen.substitution} + ` : ''}${trainable} × ${perParam.weights}${zeroNote(3)}`,
      value: weightsBytes,
      unit: 'bytes',
    },
    {
      label: 'gradients',
      formula: `trainable × ${perParam.gradients} B`,
      substitution: `${trainable} × ${perParam.gradients}${zeroNote(2)}`,
      value: gradientsBytes,
      unit: 'bytes',
    },
    {
      label: input.offload ? 'optimizer states (offloaded to CPU)' : 'optimizer states',
      formula: `trainable × (${perParam.masterWeights} B master + ${perParam.optimizerStates} B states)`,
      substitution: input.offload
        ? `0 on GPU; ${trainable} × ${perParam.masterWeights + perParam.optimizerStates} in CPU RAM`
        : `${trainable} × ${perParam.masterWeights + perParam.optimizerStates}${zeroNote(1)}`,
      value: optimizerBytes,
      unit: 'bytes',
    },
    activations.term,
    { label: 'per GPU', formula: 'weights + gradients + optimizer states + activations', substitution: '', value: perGpuBytes, unit: 'bytes' },
  ];
  return {
    params,
    trainableParams,
    bytesPerTrainableParam: { ...perParam, total: perParam.weights + perParam.gradients + perParam.masterWeights + perParam.optimizerStates },
    perGpuBytes,
    breakdown: { weightsBytes, gradientsBytes, optimizerBytes, activationBytes: activations.bytes },
    modelStatesBytes: weightsTotal + gradientsTotal + optimizerTotal,
    cpuOffloadBytes: input.offload ? optimizerTotal : 0,
    terms,
    assumptions: [
      `Bytes per trainable parameter: ${perParam.explanation}.`,
      ...(lora
        ? [
            `${method === 'qlora' ? 'QLoRA' : 'LoRA'} rank ${input.loraRank} on ${lora.targets.map((shape) => shape.target).join(',')}: only the ${trainable} adapter params carry gradients and optimizer states; ${frozen.explanation}`,
          ]
        : []),
      zeroAssumption(zero, n),
      ...(input.offload
        ? [
            'ZeRO-Offload: fp32 master weights and Adam moments live in CPU RAM and are updated by the CPU; gradients are still counted on the GPU as the stage partitions them.',
          ]
        : []),
      activations.assumption,
      `Activations are per GPU for micro-batch ${input.microBatch} × sequence ${input.seqLen}; ZeRO does not partition them (no tensor or sequence parallelism).`,
      ...(model.paramsOverride !== undefined
        ? [`Parameter count ${formatCount(model.paramsOverride)} taken as given; the shape (${model.source}) only sets the activations and LoRA targets.`]
        : []),
    ],
    sources: [
      `Model configuration: ${model.source}.`,
      'Mixed-precision Adam = 2Ψ + 2Ψ + 12Ψ = 16Ψ bytes and ZeRO stages: Rajbhandari et al. 2020 "ZeRO", §3 and Figure 1.',
      'Activation memory: Korthikanti et al. 2022 "Reducing Activation Recomputation in Large Transformer Models", §4.',
      ...(input.offload ? ['Ren et al. 2021 "ZeRO-Offload".'] : []),
      ...(lora ? ['Hu et al. 2021 "LoRA"; Dettmers et al. 2023 "QLoRA" (NF4 + double quantisation, 4.127 bits/weight).'] : []),
    ],
  };
}

interface FrozenWeights {
  bytes: number;
  substitution: string;
  explanation: string;
}

/** Base weights kept frozen by LoRA (16-bit) or QLoRA (NF4 block linears, 16-bit embeddings/head/norms). */
function frozenWeights(model: ModelConfig, params: number, method: TrainingMethod, precision: TrainingPrecision): FrozenWeights {
  if (method === 'full') return { bytes: 0, substitution: '', explanation: '' };
  if (method === 'lora') {
    const bytes = precision === 'fp32' ? 4 : 2;
    return {
      bytes: params * bytes,
      substitution: `${formatCount(params)} × ${bytes}`,
      explanation: `the base weights stay frozen in ${bytes === 4 ? 'fp32' : 'fp16/bf16'} (${bytes} B/param).`,
    };
  }
  const quantised = params * blockLinearShare(model);
  const kept = params - quantised;
  return {
    bytes: quantised * nf4BytesPerWeight + kept * 2,
    substitution: `${formatCount(quantised)} × ${nf4BytesPerWeight.toFixed(4)} (NF4) + ${formatCount(kept)} × 2`,
    explanation: 'the block linears stay frozen in 4-bit NF4 with double quantisation (0.516 B/param); embeddings, lm head and norms in bf16.',
  };
}

function zeroAssumption(zero: ZeroStage, n: number): string {
  if (n === 1) return 'Single GPU: nothing is partitioned (ZeRO needs several data-parallel GPUs).';
  const parts: Record<ZeroStage, string> = {
    0: `ZeRO-0 (plain data parallel): every one of the ${n} GPUs holds all model states.`,
    1: `ZeRO-1: optimizer states partitioned over ${n} GPUs (2Ψ + 2Ψ + 12Ψ/N for mixed Adam).`,
    2: `ZeRO-2: optimizer states and gradients partitioned over ${n} GPUs (2Ψ + 14Ψ/N for mixed Adam).`,
    3: `ZeRO-3: optimizer states, gradients and parameters partitioned over ${n} GPUs (16Ψ/N for mixed Adam); the all-gathered layer in flight is not counted.`,
  };
  return parts[zero];
}
