// Does a training configuration fit a GPU, and how many of those GPUs ZeRO-3 would need for it.
// With ZeRO-3 every model state divides by N while activations do not: per GPU = states / N + activations.
import { usableBytesOf } from './gpu-verdict.js';
import type { GpuPreset } from './presets-gpus.js';
import type { TrainingMemory } from './training-memory.js';

export interface TrainingVerdict {
  gpu: string;
  name: string;
  gpus: number;
  perGpuBytes: number;
  usableBytes: number;
  fits: boolean;
  /** Fewest GPUs of this kind that hold the model states with ZeRO-3; undefined when activations alone overflow. */
  minGpusWithZero3: number | undefined;
}

export function trainingVerdict(result: TrainingMemory, gpu: GpuPreset, gpus: number): TrainingVerdict {
  const usableBytes = usableBytesOf(gpu);
  const gpuStatesBytes = result.modelStatesBytes - result.cpuOffloadBytes;
  const room = usableBytes - result.breakdown.activationBytes;
  return {
    gpu: gpu.id,
    name: gpu.name,
    gpus,
    perGpuBytes: result.perGpuBytes,
    usableBytes,
    fits: result.perGpuBytes <= usableBytes,
    minGpusWithZero3: room > 0 ? Math.max(1, Math.ceil(gpuStatesBytes / room)) : undefined,
  };
}
