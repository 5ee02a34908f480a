// Human output of `calc training`: per-GPU memory table, bytes per trainable parameter and fit verdicts.
import { formatCount, formatInteger } from './quantities.js';
import { formatMemoryTable, formatTable, memoryUnitsNote } from './text-table.js';
import type { TrainingInput, TrainingMemory } from './training-memory.js';
import type { TrainingVerdict } from './training-verdict.js';

const methodNames = { full: 'full fine-tuning', lora: 'LoRA', qlora: 'QLoRA' } as const;

export function formatTraining(input: TrainingInput, result: TrainingMemory, verdicts: TrainingVerdict[]): string {
  const zero = input.gpus > 1 ? `, ZeRO-${input.zeroStage}` : '';
  const extras = [input.offload ? 'optimizer offload' : '', input.checkpointing ? 'gradient checkpointing' : '', input.flashAttention ? 'FlashAttention' : '']
    .filter(Boolean)
    .join(', ');
  const header = `${input.model.name} ${methodNames[input.method]}: ${input.optimizer}, ${input.precision} precision, ${input.gpus} GPU(s)${zero}, seq ${input.seqLen} × micro-batch ${input.microBatch}${extras ? `, ${extras}` : ''}\n${memoryUnitsNote}, per GPU\n\n`;
  const { breakdown } = result;
  const table = formatMemoryTable([
    ['weights', breakdown.weightsBytes],
    ['gradients', breakdown.gradientsBytes],
    [input.offload ? 'optimizer states (on CPU)' : 'optimizer states', breakdown.optimizerBytes],
    ['activations', breakdown.activationBytes],
    ['per GPU total', result.perGpuBytes],
  ]);
  const per = result.bytesPerTrainableParam;
  const lines = [
    `trainable params: ${formatInteger(result.trainableParams)} (${formatCount(result.trainableParams)}) of ${formatCount(result.params)}`,
    `bytes per trainable param: ${per.weights} weights + ${per.gradients} gradients + ${per.masterWeights} fp32 master + ${per.optimizerStates} optimizer states = ${per.total} B`,
    `model states before partitioning: ${gib(result.modelStatesBytes)} GiB (${gb(result.modelStatesBytes)} GB)`,
    ...(result.cpuOffloadBytes > 0 ? [`CPU RAM for the offloaded optimizer: ${gib(result.cpuOffloadBytes)} GiB (all ranks)`] : []),
  ];
  return `${header}${table}\n${lines.join('\n')}\n\n${formatTrainingVerdicts(verdicts)}`;
}

export function formatTrainingVerdicts(verdicts: TrainingVerdict[]): string {
  const rows = verdicts.map((verdict) => [
    verdict.name,
    gib(verdict.usableBytes),
    verdict.fits ? `fits on ${verdict.gpus}` : `does not fit on ${verdict.gpus}`,
    verdict.minGpusWithZero3 === undefined ? 'activations alone overflow' : String(verdict.minGpusWithZero3),
  ]);
  return `Per-GPU fit (usable = memory - 1 GiB CUDA reserve):\n${formatTable(['GPU', 'usable GiB', 'this config', 'min GPUs with ZeRO-3'], rows)}`;
}

function gib(bytes: number): string {
  return (bytes / 2 ** 30).toFixed(2);
}

function gb(bytes: number): string {
  return (bytes / 1e9).toFixed(2);
}
