// Turns the raw option strings of `mianba calc` into typed calculator inputs, applying defaults and raising
// AppError('usage') for unknown models, GPUs, dtypes and bad numbers. No I/O.
import { AppError } from '../core/errors.js';
import type { ComputeInput } from './compute.js';
import { defaultMfu } from './compute.js';
import { customModel } from './custom-model.js';
import { defaultGroupSize, isKvDtype, isWeightDtype, type KvDtype, kvDtypes, type WeightDtype, weightDtypes } from './dtypes.js';
import { defaultOverheadFraction, type InferenceInput } from './inference-memory.js';
import { missingLoraTargets } from './lora.js';
import { type FfnKind, type LinearTarget, linearTargets, type ModelConfig } from './model-config.js';
import { isOptimizerKind, isTrainingPrecision, optimizerKinds, trainingPrecisions } from './optimizer-states.js';
import { findGpuPreset, type GpuPreset, gpuPresetIds } from './presets-gpus.js';
import { findModelPreset, modelPresetIds } from './presets-models.js';
import { parseContextTokens, parseCount } from './quantities.js';
import { type TrainingInput, type TrainingMethod, trainingMethods, type ZeroStage } from './training-memory.js';

/** The option values of `calc` as node:util parseArgs returns them. */
export type CalcFlags = Partial<Record<string, string | boolean>>;

export function resolveModel(flags: CalcFlags): ModelConfig {
  const name = text(flags, 'model');
  const base = name === undefined ? undefined : findModelPreset(name);
  if (name !== undefined && !base)
    throw new AppError(
      'usage',
      `unknown model "${name}"; valid presets: ${modelPresetIds().join(', ')} (or describe one with --layers --hidden --heads, or --params)`,
    );
  const ffn = text(flags, 'ffn');
  if (ffn !== undefined && ffn !== 'gated' && ffn !== 'plain') throw new AppError('usage', `--ffn must be gated or plain, got "${ffn}"`);
  const model = customModel(base, {
    layers: integer(flags, 'layers'),
    hidden: integer(flags, 'hidden'),
    heads: integer(flags, 'heads'),
    kvHeads: integer(flags, 'kv-heads'),
    intermediate: integer(flags, 'intermediate'),
    vocab: integer(flags, 'vocab'),
    params: count(flags, 'params'),
    ffn: ffn as FfnKind | undefined,
  });
  if (!model)
    throw new AppError('usage', `missing --model (one of: ${modelPresetIds().join(', ')}) or a custom shape (--layers --hidden --heads, or --params 30B)`);
  return model;
}

export function resolveGpu(name: string): GpuPreset {
  const gpu = findGpuPreset(name);
  if (!gpu) throw new AppError('usage', `unknown GPU "${name}"; valid GPUs: ${gpuPresetIds().join(', ')}`);
  return gpu;
}

export function resolveInferenceInput(flags: CalcFlags): InferenceInput {
  const model = resolveModel(flags);
  const dtype = weightDtype(flags);
  return {
    model,
    dtype,
    kvDtype: kvDtype(flags, dtype),
    contextTokens: context(flags, 'context', model),
    batch: integer(flags, 'batch') ?? 1,
    groupSize: integer(flags, 'group-size') ?? defaultGroupSize,
    overheadFraction: number(flags, 'overhead', { min: 0, max: 5 }) ?? defaultOverheadFraction,
  };
}

export function resolveTrainingInput(flags: CalcFlags): TrainingInput {
  const model = resolveModel(flags);
  const method = oneOf(flags, 'method', trainingMethods, 'full') as TrainingMethod;
  const optimizer = oneOf(flags, 'optimizer', optimizerKinds, 'adamw');
  const precision = oneOf(flags, 'precision', trainingPrecisions, 'mixed');
  if (!isOptimizerKind(optimizer) || !isTrainingPrecision(precision)) throw new AppError('usage', 'bad --optimizer or --precision');
  const loraTargets = resolveTargets(text(flags, 'targets') ?? 'q,v', model);
  const missing = method === 'full' ? [] : missingLoraTargets(model, loraTargets);
  if (missing.length > 0)
    throw new AppError(
      'usage',
      `${model.name} has no ${missing.join(',')} projection (${model.ffn === 'plain' ? 'GeLU MLP: up and down only' : 'check --targets'})`,
    );
  return {
    model,
    method,
    optimizer,
    precision,
    gpus: integer(flags, 'gpus') ?? 1,
    zeroStage: (number(flags, 'zero', { min: 0, max: 3, integer: true }) ?? 0) as ZeroStage,
    offload: flags.offload === true,
    checkpointing: flags.checkpointing === true,
    flashAttention: flags['flash-attention'] === true,
    seqLen: context(flags, 'seq', model, 2048),
    microBatch: integer(flags, 'micro-batch') ?? 1,
    loraRank: integer(flags, 'rank') ?? 8,
    loraTargets,
  };
}

export function resolveComputeInput(flags: CalcFlags): ComputeInput {
  const inference = resolveInferenceInput(flags);
  const gpuName = text(flags, 'gpu') ?? 'a100-80g';
  return {
    model: inference.model,
    trainingTokens: count(flags, 'tokens'),
    gpu: resolveGpu(gpuName),
    gpus: integer(flags, 'gpus') ?? 1,
    mfu: number(flags, 'mfu', { min: 0.01, max: 1 }) ?? defaultMfu,
    dtype: inference.dtype,
    kvDtype: inference.kvDtype,
    groupSize: inference.groupSize,
    contextTokens: inference.contextTokens,
    batch: inference.batch,
  };
}

/** "q,v", "q_proj,v_proj" or "all" (every linear the model has). */
function resolveTargets(raw: string, model: ModelConfig): LinearTarget[] {
  if (raw.trim().toLowerCase() === 'all') return linearTargets.filter((target) => missingLoraTargets(model, [target]).length === 0);
  const targets = raw.split(',').map((target) =>
    target
      .trim()
      .toLowerCase()
      .replace(/_proj$/, ''),
  );
  const unknown = targets.filter((target) => !(linearTargets as readonly string[]).includes(target));
  if (unknown.length > 0) throw new AppError('usage', `unknown --targets ${unknown.join(',')}; valid: ${linearTargets.join(',')} or all`);
  return targets as LinearTarget[];
}

function weightDtype(flags: CalcFlags): WeightDtype {
  const value = (text(flags, 'dtype') ?? 'fp16').toLowerCase();
  if (!isWeightDtype(value)) throw new AppError('usage', `unknown --dtype "${value}"; valid: ${weightDtypes.join(', ')}`);
  return value;
}

/** KV cache follows 16/32-bit weights; quantised weights still keep an fp16 KV cache unless told otherwise. */
function kvDtype(flags: CalcFlags, dtype: WeightDtype): KvDtype {
  const value = (text(flags, 'kv-dtype') ?? (dtype === 'fp32' || dtype === 'bf16' ? dtype : 'fp16')).toLowerCase();
  if (!isKvDtype(value)) throw new AppError('usage', `unknown --kv-dtype "${value}"; valid: ${kvDtypes.join(', ')}`);
  return value;
}

/** Sequence lengths: "4k" = 4096; default the model's context capped at 4096 (or `fallback`). */
function context(flags: CalcFlags, name: string, model: ModelConfig, fallback = 4096): number {
  const raw = text(flags, name);
  if (raw === undefined) return Math.min(model.maxContextTokens, fallback);
  const value = parseContextTokens(raw);
  if (value === undefined) throw new AppError('usage', `--${name} must be a token count like 4096 or 32k, got "${raw}"`);
  return value;
}

function oneOf(flags: CalcFlags, name: string, allowed: readonly string[], fallback: string): string {
  const value = (text(flags, name) ?? fallback).toLowerCase();
  if (!allowed.includes(value)) throw new AppError('usage', `unknown --${name} "${value}"; valid: ${allowed.join(', ')}`);
  return value;
}

function text(flags: CalcFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function count(flags: CalcFlags, name: string): number | undefined {
  const raw = text(flags, name);
  if (raw === undefined) return undefined;
  const value = parseCount(raw);
  if (value === undefined) throw new AppError('usage', `--${name} must be a count like 7B, 2T or 6.74e9, got "${raw}"`);
  return value;
}

function integer(flags: CalcFlags, name: string): number | undefined {
  return number(flags, name, { min: 1, integer: true });
}

function number(flags: CalcFlags, name: string, range: { min?: number; max?: number; integer?: boolean }): number | undefined {
  const raw = text(flags, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const bad =
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    (range.integer === true && !Number.isInteger(value)) ||
    (range.min !== undefined && value < range.min) ||
    (range.max !== undefined && value > range.max);
  if (bad) {
    const bounds = [range.min !== undefined ? `>= ${range.min}` : '', range.max !== undefined ? `<= ${range.max}` : ''].filter(Boolean).join(' and ');
    throw new AppError('usage', `--${name} must be a${range.integer ? 'n integer' : ' number'}${bounds ? ` ${bounds}` : ''}, got "${raw}"`);
  }
  return value;
}
