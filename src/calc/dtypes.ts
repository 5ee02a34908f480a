// Storage sizes of weight and KV-cache data types, including the scales and zero points of group quantisation.
// Byte counts only; which tensors get quantised is decided by the memory calculators.

export const weightDtypes = ['fp32', 'fp16', 'bf16', 'int8', 'int4'] as const;
export type WeightDtype = (typeof weightDtypes)[number];

export const kvDtypes = ['fp32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'] as const;
export type KvDtype = (typeof kvDtypes)[number];

/** Default int4 group size (GPTQ/AWQ default: 128 input weights share one scale and zero point). */
export const defaultGroupSize = 128;

const plainBytes: Record<KvDtype, number> = { fp32: 4, fp16: 2, bf16: 2, fp8: 1, int8: 1, int4: 0.5 };

/** Bytes per element of a KV-cache entry (fp8/int8 KV caches as in vLLM / TensorRT-LLM; scales ignored). */
export function kvBytesPerElement(dtype: KvDtype): number {
  return plainBytes[dtype];
}

export interface QuantisedWeightSize {
  bytesPerWeight: number;
  /** How the figure is made up, for --explain. */
  formula: string;
}

/**
 * Bytes per weight of a block linear stored in `dtype`.
 * int8: one fp16 scale per output channel of `inFeatures` weights (LLM.int8 / SmoothQuant W8 row-wise scales).
 * int4: 4-bit weights + per group of `groupSize` one fp16 scale (2 B) and one packed 4-bit zero point (0.5 B),
 * the GPTQ / AWQ layout: 0.5 + 2.5/128 = 0.5195 B (4.16 bits) at group size 128.
 */
export function quantisedWeightSize(dtype: WeightDtype, groupSize: number, inFeatures: number): QuantisedWeightSize {
  if (dtype === 'int8') return { bytesPerWeight: 1 + 2 / inFeatures, formula: `1 B + 2 B fp16 scale / ${inFeatures} weights per row` };
  if (dtype === 'int4') return { bytesPerWeight: 0.5 + 2.5 / groupSize, formula: `0.5 B + (2 B fp16 scale + 0.5 B 4-bit zero) / group of ${groupSize}` };
  const bytes = plainBytes[dtype];
  return { bytesPerWeight: bytes, formula: `${bytes} B (${dtype})` };
}

/** Bytes per weight of the tensors that are never quantised (embeddings, lm head, norms, biases): 16-bit, or fp32. */
export function unquantisedBytesPerWeight(dtype: WeightDtype): number {
  return dtype === 'fp32' ? 4 : 2;
}

/**
 * QLoRA NF4 with double quantisation (Dettmers et al. 2023, §3): 4-bit weights, an 8-bit absmax per block of 64,
 * and an fp32 constant per 256 such blocks: 0.5 + 1/64 + 4/(64·256) B = 4.127 bits per weight.
 */
export const nf4BytesPerWeight = 0.5 + 1 / 64 + 4 / (64 * 256);

export function isWeightDtype(value: string): value is WeightDtype {
  return (weightDtypes as readonly string[]).includes(value);
}

export function isKvDtype(value: string): value is KvDtype {
  return (kvDtypes as readonly string[]).includes(value);
}
