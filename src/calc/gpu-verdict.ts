// Fits-on-GPU verdicts: how many GPUs of a kind hold a given amount of memory, keeping back a per-GPU reserve
// for the CUDA context and library workspaces. Assumes an even split (tensor parallel) across the GPUs.
import { type GpuPreset, gpuPresets } from './presets-gpus.js';
import { bytesPerGib } from './quantities.js';

/** CUDA context + cuBLAS/NCCL workspaces: ~0.5-1 GiB per GPU in PyTorch; we keep back 1 GiB. */
export const reservedBytesPerGpu = 1 * bytesPerGib;

export interface GpuVerdict {
  gpu: string;
  name: string;
  memoryBytes: number;
  /** Memory left for the model after the per-GPU reserve. */
  usableBytes: number;
  gpusNeeded: number;
  fitsOnOne: boolean;
}

export function gpuMemoryBytes(gpu: GpuPreset): number {
  return gpu.memoryGib * bytesPerGib;
}

export function usableBytesOf(gpu: GpuPreset): number {
  return gpuMemoryBytes(gpu) - reservedBytesPerGpu;
}

/** GPUs of this kind needed to hold `totalBytes` split evenly (at least 1). */
export function gpusNeededFor(totalBytes: number, gpu: GpuPreset): number {
  return Math.max(1, Math.ceil(totalBytes / usableBytesOf(gpu)));
}

export function verdictFor(totalBytes: number, gpu: GpuPreset): GpuVerdict {
  const gpusNeeded = gpusNeededFor(totalBytes, gpu);
  return { gpu: gpu.id, name: gpu.name, memoryBytes: gpuMemoryBytes(gpu), usableBytes: usableBytesOf(gpu), gpusNeeded, fitsOnOne: gpusNeeded === 1 };
}

/** One verdict per preset GPU (or the given list). */
export function verdictsFor(totalBytes: number, gpus: readonly GpuPreset[] = gpuPresets): GpuVerdict[] {
  return gpus.map((gpu) => verdictFor(totalBytes, gpu));
}

/** True when `perGpuBytes` plus the reserve fits in one GPU of this kind. */
export function fitsPerGpu(perGpuBytes: number, gpu: GpuPreset): boolean {
  return perGpuBytes <= usableBytesOf(gpu);
}
