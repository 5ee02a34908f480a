// Human output of `calc compute`: training FLOPs and time, inference FLOPs per token and decode speed bounds.
import type { ComputeInput, ComputeResult } from './compute.js';
import { formatCount, formatDuration, formatInteger, formatScientific } from './quantities.js';
import { formatTable } from './text-table.js';

export function formatCompute(input: ComputeInput, result: ComputeResult): string {
  const header = `${input.model.name} compute on ${input.gpus} × ${input.gpu.name} (${input.gpu.fp16Tflops} TFLOPS fp16/bf16 dense, ${input.gpu.bandwidthGBps} GB/s), MFU ${input.mfu}\n\n`;
  const rows: string[][] = [['parameters N', formatCount(result.params)]];
  if (
    result.trainingFlops !== undefined &&
    result.trainingSeconds !== undefined &&
    result.trainingGpuHours !== undefined &&
    input.trainingTokens !== undefined
  ) {
    rows.push(
      ['training tokens D', formatCount(input.trainingTokens)],
      ['training FLOPs 6·N·D', formatScientific(result.trainingFlops)],
      ['training time', formatDuration(result.trainingSeconds)],
      ['GPU-hours', formatInteger(result.trainingGpuHours)],
    );
  }
  rows.push(
    ['inference FLOPs/token 2·N', formatScientific(result.inferenceFlopsPerToken)],
    [
      `bytes read per decode step (${input.dtype}, ctx ${input.contextTokens}, batch ${input.batch})`,
      `${(result.bytesReadPerDecodeStep / 2 ** 30).toFixed(2)} GiB`,
    ],
    ['decode tokens/s upper bound (batch)', result.decodeTokensPerSecond.toFixed(1)],
    ['decode tokens/s upper bound (per sequence)', result.decodeTokensPerSecondPerSequence.toFixed(1)],
    ['compute-bound tokens/s (prefill, peak)', formatInteger(result.computeBoundTokensPerSecond)],
  );
  return `${header}${formatTable(['quantity', 'value'], rows)}`;
}
