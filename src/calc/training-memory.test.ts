import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeActivationMemory } from './activation-memory.js';
import { findModelPreset } from './presets-models.js';
import { computeTrainingMemory, type TrainingInput } from './training-memory.js';

const llama7b = findModelPreset('llama-2-7b');
if (!llama7b) throw new Error('preset');
const psi = 6_738_415_616;

function input(overrides: Partial<TrainingInput> = {}): TrainingInput {
  return {
    model: llama7b as NonNullable<typeof llama7b>,
    method: 'full',
    optimizer: 'adamw',
    precision: 'mixed',
    gpus: 1,
    zeroStage: 0,
    offload: false,
    checkpointing: false,
    flashAttention: false,
    seqLen: 2048,
    microBatch: 1,
    loraRank: 8,
    loraTargets: ['q', 'v'],
    ...overrides,
  };
}

function states(result: ReturnType<typeof computeTrainingMemory>): number {
  return result.breakdown.weightsBytes + result.breakdown.gradientsBytes + result.breakdown.optimizerBytes;
}

describe('full fine-tuning with mixed-precision Adam', () => {
  test('16 bytes per parameter: 16 × 6.74e9 ≈ 107.8e9 bytes of model states', () => {
    const result = computeTrainingMemory(input());
    expect(result.bytesPerTrainableParam.total).toBe(16);
    expect(states(result)).toBe(16 * psi);
    expect(states(result) / 1e9).toBeCloseTo(107.8, 1);
    expect(result.assumptions[0]).toMatch(/4 B fp32 master weights/);
  });

  test('ZeRO-3 on 8 GPUs divides model states by 8', () => {
    expect(states(computeTrainingMemory(input({ gpus: 8, zeroStage: 3 })))).toBe((16 * psi) / 8);
  });

  test('ZeRO-1 is 2Ψ + 2Ψ + 12Ψ/N and ZeRO-2 is 2Ψ + 14Ψ/N', () => {
    expect(states(computeTrainingMemory(input({ gpus: 4, zeroStage: 1 })))).toBe(4 * psi + (12 * psi) / 4);
    expect(states(computeTrainingMemory(input({ gpus: 4, zeroStage: 2 })))).toBeCloseTo(2 * psi + (14 * psi) / 4, 0);
  });

  test('offload moves the 12Ψ of optimizer states to CPU memory', () => {
    const result = computeTrainingMemory(input({ offload: true }));
    expect(result.breakdown.optimizerBytes).toBe(0);
    expect(result.cpuOffloadBytes).toBe(12 * psi);
  });

  test('per-GPU memory never grows with more GPUs under ZeRO-3', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 511 }), (gpus) => {
        const fewer = computeTrainingMemory(input({ gpus, zeroStage: 3 })).perGpuBytes;
        return computeTrainingMemory(input({ gpus: gpus + 1, zeroStage: 3 })).perGpuBytes <= fewer;
      }),
    );
  });
});

describe('LoRA and QLoRA', () => {
  test('only the adapter parameters carry gradients and optimizer states', () => {
    const result = computeTrainingMemory(input({ method: 'lora' }));
    expect(result.trainableParams).toBe(4_194_304);
    expect(result.breakdown.gradientsBytes).toBe(2 * 4_194_304);
    expect(result.breakdown.optimizerBytes).toBe(12 * 4_194_304);
    expect(result.breakdown.weightsBytes).toBe(2 * psi + 2 * 4_194_304);
  });

  test('QLoRA keeps block linears in NF4 (~4.127 bits) and the rest in bf16', () => {
    const result = computeTrainingMemory(input({ method: 'qlora' }));
    const blockLinears = 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    const frozen = blockLinears * (4.127 / 8) + (psi - blockLinears) * 2;
    expect(result.breakdown.weightsBytes - 2 * 4_194_304).toBeCloseTo(frozen, -7);
    expect(result.breakdown.weightsBytes / 1e9).toBeLessThan(4.2);
  });
});

describe('activations (Korthikanti et al. 2022)', () => {
  const model = llama7b as NonNullable<typeof llama7b>;
  test('without recomputation: L · s·b·h·(34 + 5·a·s/h) + 4·s·b·V', () => {
    const { bytes } = computeActivationMemory({ model, seqLen: 2048, microBatch: 1, checkpointing: false, flashAttention: false });
    expect(bytes).toBe(32 * 2048 * 4096 * (34 + (5 * 32 * 2048) / 4096) + 4 * 2048 * 32000);
  });

  test('full checkpointing keeps 2·s·b·h per layer plus one recomputed layer', () => {
    const { bytes, perLayerBytes } = computeActivationMemory({ model, seqLen: 2048, microBatch: 1, checkpointing: true, flashAttention: true });
    expect(perLayerBytes).toBe(2048 * 4096 * 34);
    expect(bytes).toBe(32 * 2 * 2048 * 4096 + perLayerBytes + 4 * 2048 * 32000);
  });
});
