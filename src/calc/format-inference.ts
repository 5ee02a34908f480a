// Human output of `calc inference`: the memory table, the per-token KV cache and a fits-on-GPU verdict per GPU.
import type { GpuVerdict } from './gpu-verdict.js';
import type { InferenceInput, InferenceMemory } from './inference-memory.js';
import { formatBinaryBytes, formatInteger } from './quantities.js';
import { formatMemoryTable, formatTable, memoryUnitsNote } from './text-table.js';

export function formatInference(input: InferenceInput, result: InferenceMemory, verdicts: GpuVerdict[]): string {
  const { model } = input;
  const header = `${model.name} inference: ${input.dtype} weights, ${input.kvDtype} KV cache, context ${formatInteger(input.contextTokens)} × batch ${input.batch}\n${memoryUnitsNote}\n\n`;
  const table = formatMemoryTable(result.terms.filter((term) => term.unit === 'bytes').map((term) => [term.label, term.value]));
  const kv = `\nKV cache per token: ${formatBinaryBytes(result.kvCacheBytesPerToken)} (${formatInteger(result.kvCacheBytesPerToken)} bytes; ${model.kvHeads} KV heads × ${model.headDim} × ${model.layers} layers × K,V)\n`;
  return `${header}${table}${kv}\n${formatVerdicts(verdicts)}`;
}

export function formatVerdicts(verdicts: GpuVerdict[]): string {
  const rows = verdicts.map((verdict) => [
    verdict.name,
    (verdict.memoryBytes / 2 ** 30).toFixed(0),
    verdict.fitsOnOne ? 'fits on one' : `needs ${verdict.gpusNeeded}`,
  ]);
  return `GPUs needed (1 GiB per GPU kept back for CUDA context; even tensor-parallel split):\n${formatTable(['GPU', 'GiB', 'verdict'], rows)}`;
}
