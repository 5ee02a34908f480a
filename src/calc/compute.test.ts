import { describe, expect, test } from 'vitest';
import { type ComputeInput, computeCompute } from './compute.js';
import { findGpuPreset } from './presets-gpus.js';
import { findModelPreset } from './presets-models.js';

function input(modelId: string, gpuId: string, overrides: Partial<ComputeInput> = {}): ComputeInput {
  const model = findModelPreset(modelId);
  const gpu = findGpuPreset(gpuId);
  if (!model || !gpu) throw new Error('preset');
  return {
    model,
    gpu,
    trainingTokens: undefined,
    gpus: 1,
    mfu: 0.4,
    dtype: 'fp16',
    kvDtype: 'fp16',
    groupSize: 128,
    contextTokens: 2048,
    batch: 1,
    ...overrides,
  };
}

describe('compute', () => {
  test('GPT-3: 6 × 175B × 300B tokens ≈ 3.14e23 FLOPs (Brown et al. 2020 Table D.1)', () => {
    const result = computeCompute(input('gpt-3', 'v100-32g', { trainingTokens: 300e9 }));
    expect(result.trainingFlops).toBeCloseTo(6 * 174_604_259_328 * 300e9, -18);
    expect((result.trainingFlops ?? 0) / 3.14e23).toBeCloseTo(1, 2);
  });

  test('LLaMA-2-7B on 2T tokens: ~180k A100 GPU-hours at 40% MFU (Meta reports 184,320)', () => {
    const result = computeCompute(input('llama-2-7b', 'a100-80g', { trainingTokens: 2e12, gpus: 1024 }));
    expect(result.trainingFlops).toBe(6 * 6_738_415_616 * 2e12);
    expect(result.trainingSeconds).toBeCloseTo((result.trainingFlops ?? 0) / (1024 * 312e12 * 0.4), 0);
    expect(result.trainingGpuHours).toBeGreaterThan(170_000);
    expect(result.trainingGpuHours).toBeLessThan(190_000);
  });

  test('inference is 2·N FLOPs per token and decode is bandwidth-bound', () => {
    const result = computeCompute(input('llama-2-7b', 'a100-80g', { contextTokens: 0 }));
    expect(result.inferenceFlopsPerToken).toBe(2 * 6_738_415_616);
    // Batch 1, no context: 2039 GB/s / 13.48 GB of fp16 weights ≈ 151 tokens/s.
    expect(result.decodeTokensPerSecondPerSequence).toBeCloseTo(2039e9 / (2 * 6_738_415_616), 6);
    expect(result.trainingFlops).toBeUndefined();
  });

  test('batching raises decode throughput but not beyond the compute bound', () => {
    const one = computeCompute(input('llama-2-7b', 'h100-80g', { batch: 1 }));
    const many = computeCompute(input('llama-2-7b', 'h100-80g', { batch: 64 }));
    expect(many.decodeTokensPerSecond).toBeGreaterThan(one.decodeTokensPerSecond * 10);
    expect(many.decodeTokensPerSecond).toBeLessThanOrEqual(many.computeBoundTokensPerSecond);
  });
});
