import { describe, expect, test } from 'vitest';
import { customModel } from './custom-model.js';
import { defaultGroupSize } from './dtypes.js';
import { gpusNeededFor, verdictFor } from './gpu-verdict.js';
import { computeInferenceMemory, type InferenceInput, kvCacheBytesPerToken } from './inference-memory.js';
import { findGpuPreset } from './presets-gpus.js';
import { findModelPreset } from './presets-models.js';

function input(id: string, overrides: Partial<InferenceInput> = {}): InferenceInput {
  const model = findModelPreset(id);
  if (!model) throw new Error(`no preset ${id}`);
  return { model, dtype: 'fp16', kvDtype: 'fp16', contextTokens: 4096, batch: 1, groupSize: defaultGroupSize, overheadFraction: 0.1, ...overrides };
}

describe('inference memory', () => {
  test('LLaMA-2-7B fp16 weights are 6.74e9 × 2 bytes ≈ 13.5 GB', () => {
    const result = computeInferenceMemory(input('llama-2-7b'));
    expect(result.weightsBytes).toBe(6_738_415_616 * 2);
    expect(result.weightsBytes / 1e9).toBeCloseTo(13.48, 2);
  });

  test('LLaMA-2-7B KV cache is 0.5 MiB per token in fp16 (2×32×32×128×2)', () => {
    const result = computeInferenceMemory(input('llama-2-7b'));
    expect(result.kvCacheBytesPerToken).toBe(524_288);
    expect(result.kvCacheBytes).toBe(524_288 * 4096);
  });

  test('Llama-3-8B with 8 KV heads (GQA) needs 128 KiB per token', () => {
    expect(computeInferenceMemory(input('llama-3-8b')).kvCacheBytesPerToken).toBe(128 * 1024);
  });

  test('MQA stores 1/heads of the MHA KV cache', () => {
    const mha = findModelPreset('llama-2-7b');
    const mqa = customModel(mha, { kvHeads: 1 });
    if (!mha || !mqa) throw new Error('presets');
    expect(kvCacheBytesPerToken(mqa, 'fp16') * mha.heads).toBe(kvCacheBytesPerToken(mha, 'fp16'));
  });

  test('KV cache scales with context, batch and --kv-dtype', () => {
    const base = computeInferenceMemory(input('mistral-7b')).kvCacheBytes;
    expect(computeInferenceMemory(input('mistral-7b', { contextTokens: 32768, batch: 4 })).kvCacheBytes).toBe(base * 8 * 4);
    expect(computeInferenceMemory(input('mistral-7b', { kvDtype: 'fp8' })).kvCacheBytes).toBe(base / 2);
  });

  test('int4 with group size 128 adds an fp16 scale and 4-bit zero per group; embeddings stay fp16', () => {
    const result = computeInferenceMemory(input('llama-2-7b', { dtype: 'int4' }));
    const blockLinears = 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    const rest = 6_738_415_616 - blockLinears;
    expect(result.weightsBytes).toBe(Math.round(blockLinears * (0.5 + 2.5 / 128) + rest * 2));
    // Published 4-bit GPTQ checkpoints of LLaMA-2-7B (group 128) are ~3.9 GB.
    expect(result.weightsBytes / 1e9).toBeGreaterThan(3.8);
    expect(result.weightsBytes / 1e9).toBeLessThan(4.0);
  });

  test('total is the sum of the stated terms', () => {
    const result = computeInferenceMemory(input('qwen2.5-72b', { contextTokens: 32768 }));
    const sum = result.weightsBytes + result.kvCacheBytes + result.activationBytes + result.overheadBytes;
    expect(result.totalBytes).toBeCloseTo(sum, 0);
    expect(result.assumptions.join(' ')).toMatch(/GQA with 8 KV heads/);
  });
});

describe('GPU verdicts', () => {
  test('LLaMA-2-70B fp16 needs two 80G GPUs and fits none alone', () => {
    const result = computeInferenceMemory(input('llama-2-70b'));
    const a100 = findGpuPreset('A100 80GB');
    if (!a100) throw new Error('gpu');
    expect(gpusNeededFor(result.totalBytes, a100)).toBe(2);
    expect(verdictFor(computeInferenceMemory(input('llama-2-7b')).totalBytes, a100).fitsOnOne).toBe(true);
  });
});
