// GPU presets: memory, memory bandwidth and dense (no 2:4 sparsity) fp16/bf16 tensor-core TFLOPS from NVIDIA
// datasheets. Memory is the nominal size, taken as GiB (an "80GB" A100 reports 81920 MiB in nvidia-smi).

export interface GpuPreset {
  id: string;
  name: string;
  memoryGib: number;
  bandwidthGBps: number;
  /** Dense fp16/bf16 tensor-core peak with fp32 accumulate, in TFLOPS (10^12 FLOP/s). */
  fp16Tflops: number;
  source: string;
  aliases: string[];
}

export const gpuPresets: readonly GpuPreset[] = [
  // V100 SXM2 datasheet: 125 TFLOPS tensor, 900 GB/s HBM2.
  {
    id: 'v100-16g',
    name: 'V100 16G',
    memoryGib: 16,
    bandwidthGBps: 900,
    fp16Tflops: 125,
    source: 'NVIDIA V100 datasheet (SXM2)',
    aliases: ['v100-16gb', 'v10016g'],
  },
  {
    id: 'v100-32g',
    name: 'V100 32G',
    memoryGib: 32,
    bandwidthGBps: 900,
    fp16Tflops: 125,
    source: 'NVIDIA V100 datasheet (SXM2)',
    aliases: ['v100', 'v100-32gb'],
  },
  // A100 datasheet: 312 TFLOPS dense bf16; 1,555 GB/s (40GB) and 2,039 GB/s (80GB SXM).
  { id: 'a100-40g', name: 'A100 40G', memoryGib: 40, bandwidthGBps: 1555, fp16Tflops: 312, source: 'NVIDIA A100 datasheet (SXM)', aliases: ['a100-40gb'] },
  {
    id: 'a100-80g',
    name: 'A100 80G',
    memoryGib: 80,
    bandwidthGBps: 2039,
    fp16Tflops: 312,
    source: 'NVIDIA A100 datasheet (SXM)',
    aliases: ['a100', 'a100-80gb'],
  },
  // A800: China-market A100 80GB with NVLink cut to 400 GB/s; compute and HBM unchanged.
  {
    id: 'a800-80g',
    name: 'A800 80G',
    memoryGib: 80,
    bandwidthGBps: 2039,
    fp16Tflops: 312,
    source: 'NVIDIA A800 datasheet (SXM)',
    aliases: ['a800', 'a800-80gb'],
  },
  // H100 SXM datasheet: 989 TFLOPS dense bf16 (1,979 with sparsity), 3.35 TB/s HBM3.
  {
    id: 'h100-80g',
    name: 'H100 80G SXM',
    memoryGib: 80,
    bandwidthGBps: 3350,
    fp16Tflops: 989,
    source: 'NVIDIA H100 datasheet (SXM5)',
    aliases: ['h100', 'h100-sxm', 'h100-80gb'],
  },
  // H800: China-market H100 SXM with reduced NVLink; compute and HBM unchanged.
  {
    id: 'h800-80g',
    name: 'H800 80G',
    memoryGib: 80,
    bandwidthGBps: 3350,
    fp16Tflops: 989,
    source: 'NVIDIA H800 datasheet (SXM)',
    aliases: ['h800', 'h800-80gb'],
  },
  // H200 datasheet: 141 GB HBM3e at 4.8 TB/s, same Hopper compute as H100 SXM.
  {
    id: 'h200-141g',
    name: 'H200 141G',
    memoryGib: 141,
    bandwidthGBps: 4800,
    fp16Tflops: 989,
    source: 'NVIDIA H200 datasheet (SXM)',
    aliases: ['h200', 'h200-141gb'],
  },
  // GA102 whitepaper: RTX 3090 71 TFLOPS fp16 tensor with fp32 accumulate (142 with fp16 accumulate), 936 GB/s.
  {
    id: 'rtx-3090',
    name: 'RTX 3090 24G',
    memoryGib: 24,
    bandwidthGBps: 936,
    fp16Tflops: 71,
    source: 'NVIDIA Ampere GA102 whitepaper',
    aliases: ['3090', 'rtx3090', 'rtx-3090-24g'],
  },
  // Ada whitepaper: RTX 4090 165 TFLOPS fp16 tensor with fp32 accumulate (330 with fp16 accumulate), 1,008 GB/s.
  {
    id: 'rtx-4090',
    name: 'RTX 4090 24G',
    memoryGib: 24,
    bandwidthGBps: 1008,
    fp16Tflops: 165,
    source: 'NVIDIA Ada Lovelace whitepaper',
    aliases: ['4090', 'rtx4090', 'rtx-4090-24g'],
  },
  // L20 datasheet: 48 GB GDDR6 at 864 GB/s, 119.5 TFLOPS fp16 dense.
  { id: 'l20-48g', name: 'L20 48G', memoryGib: 48, bandwidthGBps: 864, fp16Tflops: 119.5, source: 'NVIDIA L20 datasheet', aliases: ['l20'] },
  // L40S datasheet: 48 GB GDDR6 at 864 GB/s, 362 TFLOPS fp16/bf16 dense (733 with sparsity).
  { id: 'l40s-48g', name: 'L40S 48G', memoryGib: 48, bandwidthGBps: 864, fp16Tflops: 362, source: 'NVIDIA L40S datasheet', aliases: ['l40s'] },
  // A10 datasheet: 24 GB GDDR6 at 600 GB/s, 125 TFLOPS fp16 dense (250 with sparsity).
  { id: 'a10-24g', name: 'A10 24G', memoryGib: 24, bandwidthGBps: 600, fp16Tflops: 125, source: 'NVIDIA A10 datasheet', aliases: ['a10'] },
  // T4 datasheet: 16 GB GDDR6 at 320 GB/s, 65 TFLOPS fp16 mixed precision.
  { id: 't4-16g', name: 'T4 16G', memoryGib: 16, bandwidthGBps: 320, fp16Tflops: 65, source: 'NVIDIA T4 datasheet', aliases: ['t4'] },
];

/** The GPU for a name like 'A100-80G', 'a100 80gb', 'h100', '4090', or undefined. */
export function findGpuPreset(name: string): GpuPreset | undefined {
  const key = compactGpuName(name);
  return gpuPresets.find((gpu) => [gpu.id, ...gpu.aliases].some((alias) => compactGpuName(alias) === key));
}

export function gpuPresetIds(): string[] {
  return gpuPresets.map((gpu) => gpu.id);
}

/** 'A100 80GB' -> 'a10080g'; 'RTX-4090' -> 'rtx4090'. */
function compactGpuName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/(\d)\s*gb\b/g, '$1g')
    .replace(/[^a-z0-9]/g, '');
}
