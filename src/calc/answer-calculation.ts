// answerCalculationFor: turns an interview question like "65B 模型 4 张 V100 32G 能训练吗" into the matching
// calculation with a short plain-text/markdown answer, for `ask` to show beside cited notes. Pure.
import { AppError } from '../core/errors.js';
import { type ComputeInput, type ComputeResult, computeCompute, defaultMfu } from './compute.js';
import { defaultGroupSize } from './dtypes.js';
import { type GpuVerdict, verdictFor, verdictsFor } from './gpu-verdict.js';
import { computeInferenceMemory, defaultOverheadFraction, type InferenceInput, type InferenceMemory } from './inference-memory.js';
import { findGpuPreset, type GpuPreset } from './presets-gpus.js';
import { formatBinaryBytes, formatCount, formatDuration, formatInteger, formatScientific } from './quantities.js';
import { type CalcQuestion, parseCalcQuestion } from './question-parser.js';
import { computeTrainingMemory, type TrainingInput, type TrainingMemory, type TrainingMethod } from './training-memory.js';
import { type TrainingVerdict, trainingVerdict } from './training-verdict.js';

export type CalcSummary =
  | { kind: 'inference'; title: string; modelId: string; input: InferenceInput; result: InferenceMemory; verdicts: GpuVerdict[]; text: string }
  | {
      kind: 'training';
      title: string;
      modelId: string;
      input: TrainingInput;
      result: TrainingMemory;
      verdict: TrainingVerdict;
      alternatives: TrainingAlternative[];
      text: string;
    }
  | { kind: 'compute'; title: string; modelId: string; input: ComputeInput; result: ComputeResult; text: string };

export interface TrainingAlternative {
  method: TrainingMethod;
  perGpuBytes: number;
  fits: boolean;
}

/** GPUs quoted when the question names none: the two most common interview answers. */
const referenceGpuIds = ['a100-80g', 'rtx-4090'];

export function answerCalculationFor(question: string): CalcSummary | undefined {
  const parsed = parseCalcQuestion(question);
  if (!parsed) return undefined;
  if (parsed.kind === 'training') return answerTraining(parsed);
  if (parsed.kind === 'compute') return answerCompute(parsed);
  return answerInference(parsed);
}

function answerInference(question: CalcQuestion): CalcSummary {
  const { model } = question;
  const dtype = question.dtype ?? 'fp16';
  const input: InferenceInput = {
    model,
    dtype,
    kvDtype: dtype === 'bf16' || dtype === 'fp32' ? dtype : 'fp16',
    contextTokens: question.contextTokens ?? Math.min(model.maxContextTokens, 4096),
    batch: question.batch ?? 1,
    groupSize: defaultGroupSize,
    overheadFraction: defaultOverheadFraction,
  };
  const result = computeInferenceMemory(input);
  const verdicts = question.gpu ? [verdictFor(result.totalBytes, question.gpu)] : verdictsFor(result.totalBytes, referenceGpus());
  const title = `${model.name} inference memory (${dtype}, context ${formatInteger(input.contextTokens)}, batch ${input.batch})`;
  const kv = `KV cache = 2 × ${model.layers} layers × ${model.kvHeads} KV heads × ${model.headDim} × ${input.kvDtype === 'fp32' ? 4 : 2} B = ${formatBinaryBytes(result.kvCacheBytesPerToken)} per token → ${gib(result.kvCacheBytes)} for ${formatInteger(input.contextTokens)} tokens × batch ${input.batch}`;
  const lines = [
    `**${title}**`,
    ...modelNoteLines(question),
    ...(question.kvFocus
      ? [`- ${kv}`, `- weights ${gib(result.weightsBytes)}`]
      : [`- weights ${gib(result.weightsBytes)} (${formatCount(result.params)} params × ${dtype})`, `- ${kv}`]),
    `- activations ${gib(result.activationBytes)}, overhead ${gib(result.overheadBytes)} → total ≈ ${gib(result.totalBytes)}`,
    ...verdicts.map((verdict) => `- ${inferenceVerdictLine(verdict, question.gpuCount)}`),
  ];
  return { kind: 'inference', title, modelId: model.id, input, result, verdicts, text: `${lines.join('\n')}\n` };
}

function answerTraining(question: CalcQuestion): CalcSummary {
  const gpus = question.gpuCount ?? 1;
  const gpu = question.gpu ?? defaultGpu();
  const base: TrainingInput = {
    model: question.model,
    method: question.method,
    optimizer: 'adamw',
    precision: 'mixed',
    gpus,
    zeroStage: question.zeroStage ?? (gpus > 1 ? 3 : 0),
    offload: question.offload,
    checkpointing: true,
    flashAttention: true,
    seqLen: question.contextTokens ?? Math.min(question.model.maxContextTokens, 2048),
    microBatch: question.batch ?? 1,
    loraRank: 8,
    loraTargets: ['q', 'v'],
  };
  const result = computeTrainingMemory(base);
  const verdict = trainingVerdict(result, gpu, gpus);
  const methods: TrainingMethod[] = ['full', 'lora', 'qlora'];
  const alternatives = methods
    .filter((method) => method !== base.method)
    .map((method) => {
      const other = computeTrainingMemory({ ...base, method });
      return { method, perGpuBytes: other.perGpuBytes, fits: other.perGpuBytes <= verdict.usableBytes };
    });
  const methodName = { full: 'full fine-tuning', lora: 'LoRA (r=8)', qlora: 'QLoRA (NF4, r=8)' }[base.method];
  const setup = question.gpu || question.gpuCount ? `, ${gpus} × ${gpu.name}${gpus > 1 ? ` with ZeRO-${base.zeroStage}` : ''}` : '';
  const title = `${question.model.name} ${methodName}, mixed-precision AdamW${setup}`;
  const per = result.bytesPerTrainableParam;
  const states = `${per.total} B per trainable param (${per.weights} weights + ${per.gradients} grads + ${per.masterWeights} fp32 master + ${per.optimizerStates} Adam m,v) × ${formatCount(result.trainableParams)} = ${((result.trainableParams * per.total) / 1e9).toFixed(1)} GB`;
  const lines = [
    `**${title}**`,
    ...modelNoteLines(question),
    `- ${states}${base.method === 'full' ? '' : `, plus frozen base weights`}; model states ${gib(result.modelStatesBytes)} in total`,
    `- per GPU: weights ${gib(result.breakdown.weightsBytes)} + grads ${gib(result.breakdown.gradientsBytes)} + optimizer ${gib(result.breakdown.optimizerBytes)} + activations ${gib(result.breakdown.activationBytes)} (seq ${base.seqLen}, micro-batch ${base.microBatch}, checkpointing) = ${gib(result.perGpuBytes)}`,
    `- ${verdict.fits ? 'Yes' : 'No'} on ${gpus} × ${gpu.name}: ${gib(verdict.perGpuBytes)} per GPU vs ${gib(verdict.usableBytes)} usable${verdict.minGpusWithZero3 === undefined ? '' : `; ZeRO-3 needs at least ${verdict.minGpusWithZero3} × ${gpu.name}`}`,
    ...alternatives.map((alternative) => `- ${alternative.method}: ${gib(alternative.perGpuBytes)} per GPU → ${alternative.fits ? 'fits' : 'does not fit'}`),
  ];
  return { kind: 'training', title, modelId: question.model.id, input: base, result, verdict, alternatives, text: `${lines.join('\n')}\n` };
}

function answerCompute(question: CalcQuestion): CalcSummary {
  const gpu = question.gpu ?? defaultGpu();
  const dtype = question.dtype ?? 'fp16';
  const input: ComputeInput = {
    model: question.model,
    trainingTokens: question.trainingTokens,
    gpu,
    gpus: question.gpuCount ?? 1,
    mfu: defaultMfu,
    dtype,
    kvDtype: 'fp16',
    groupSize: defaultGroupSize,
    contextTokens: question.contextTokens ?? Math.min(question.model.maxContextTokens, 4096),
    batch: question.batch ?? 1,
  };
  const result = computeCompute(input);
  const title = `${question.model.name} compute on ${input.gpus} × ${gpu.name} (MFU ${input.mfu})`;
  const lines = [`**${title}**`, ...modelNoteLines(question)];
  if (result.trainingFlops !== undefined && result.trainingSeconds !== undefined && input.trainingTokens !== undefined) {
    lines.push(
      `- training FLOPs ≈ 6 × N × D = 6 × ${formatCount(result.params)} × ${formatCount(input.trainingTokens)} = ${formatScientific(result.trainingFlops)}`,
      `- time = FLOPs / (${input.gpus} × ${gpu.fp16Tflops} TFLOPS × ${input.mfu}) ≈ ${formatDuration(result.trainingSeconds)} (${formatInteger(result.trainingGpuHours ?? 0)} GPU-hours)`,
    );
  }
  lines.push(
    `- inference ≈ 2 × N = ${formatScientific(result.inferenceFlopsPerToken)} FLOPs per token`,
    `- decode upper bound (memory bandwidth, ${dtype}, context ${formatInteger(input.contextTokens)}): ${result.decodeTokensPerSecondPerSequence.toFixed(1)} tokens/s per sequence (${gpu.bandwidthGBps} GB/s / ${gib(result.bytesReadPerDecodeStep)} read per step)`,
  );
  return { kind: 'compute', title, modelId: question.model.id, input, result, text: `${lines.join('\n')}\n` };
}

function inferenceVerdictLine(verdict: GpuVerdict, askedCount: number | undefined): string {
  if (askedCount !== undefined) {
    const fits = verdict.gpusNeeded <= askedCount;
    return `${fits ? 'Yes' : 'No'} on ${askedCount} × ${verdict.name}: needs ${verdict.gpusNeeded}`;
  }
  return verdict.fitsOnOne ? `fits on one ${verdict.name}` : `needs ${verdict.gpusNeeded} × ${verdict.name}`;
}

function modelNoteLines(question: CalcQuestion): string[] {
  return question.modelNote ? [`- model: ${question.modelNote}`] : [];
}

function defaultGpu(): GpuPreset {
  const gpu = findGpuPreset('a100-80g');
  if (!gpu) throw new AppError('internal', 'GPU preset a100-80g is missing');
  return gpu;
}

function referenceGpus(): GpuPreset[] {
  return referenceGpuIds.flatMap((id) => findGpuPreset(id) ?? []);
}

/** "12.55 GiB (13.48 GB)". */
function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB (${(bytes / 1e9).toFixed(2)} GB)`;
}
