// `mianba calc <inference|training|compute> [options]`: GPU memory, KV cache, FLOPs and training-time calculators.
// Parses flags, calls the pure calculators in src/calc and prints a table, --explain terms or --json.

import { computeCompute } from '../../calc/compute.js';
import { formatCompute } from '../../calc/format-compute.js';
import { formatExplanation } from '../../calc/format-explain.js';
import { formatInference } from '../../calc/format-inference.js';
import { formatGpuList, formatModelList, modelData, modelListData } from '../../calc/format-presets.js';
import { formatTraining } from '../../calc/format-training.js';
import { verdictFor, verdictsFor } from '../../calc/gpu-verdict.js';
import { computeInferenceMemory } from '../../calc/inference-memory.js';
import { gpuPresets } from '../../calc/presets-gpus.js';
import { type CalcFlags, resolveComputeInput, resolveGpu, resolveInferenceInput, resolveTrainingInput } from '../../calc/resolve-options.js';
import { computeTrainingMemory } from '../../calc/training-memory.js';
import { trainingVerdict } from '../../calc/training-verdict.js';
import { AppError } from '../../core/errors.js';
import type { CliContext, Command } from '../cli-context.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = 'mianba calc <inference|training|compute> --model <preset> [options] [--explain] [--json]  (mianba calc --list-models | --list-gpus)';

const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const options = {
  model: { type: 'string', short: 'm' },
  dtype: text,
  'kv-dtype': text,
  context: text,
  batch: text,
  'group-size': text,
  overhead: text,
  method: text,
  optimizer: text,
  precision: text,
  gpu: text,
  gpus: text,
  zero: text,
  offload: flag,
  checkpointing: flag,
  'flash-attention': flag,
  seq: text,
  'micro-batch': text,
  rank: text,
  targets: text,
  tokens: text,
  mfu: text,
  layers: text,
  hidden: text,
  heads: text,
  'kv-heads': text,
  intermediate: text,
  vocab: text,
  params: text,
  ffn: text,
  json: flag,
  explain: flag,
  'list-models': flag,
  'list-gpus': flag,
  help: { type: 'boolean', short: 'h' },
} as const;

export const runCalc: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(args, options, usage);
  const flags: CalcFlags = values;
  const json = values.json === true;
  if (values.help) return write(context, helpText());
  if (values['list-models']) return write(context, json ? toJson(modelListData()) : formatModelList());
  if (values['list-gpus']) return write(context, json ? toJson(gpuPresets) : formatGpuList());
  const what = positionals[0];
  if (what === undefined) throw new AppError('usage', `missing what to calculate\n\n${helpText()}`);
  if (positionals.length > 1) throw new AppError('usage', `unexpected argument "${positionals[1]}"\n\nusage: ${usage}`);
  const explain = (explanation: Parameters<typeof formatExplanation>[0]) => (values.explain ? formatExplanation(explanation) : '');
  switch (what.toLowerCase()) {
    case 'inference':
    case 'infer':
    case 'serve':
    case 'kv':
    case 'kv-cache': {
      const input = resolveInferenceInput(flags);
      const result = computeInferenceMemory(input);
      const verdicts = values.gpu ? [verdictFor(result.totalBytes, resolveGpu(values.gpu))] : verdictsFor(result.totalBytes);
      const { model, ...settings } = input;
      if (json) return write(context, toJson({ model: modelData(model), ...settings, ...result, gpus: verdicts }));
      return write(context, formatInference(input, result, verdicts) + explain(result));
    }
    case 'training':
    case 'train':
    case 'finetune': {
      const input = resolveTrainingInput(flags);
      const result = computeTrainingMemory(input);
      const gpus = values.gpu ? [resolveGpu(values.gpu)] : gpuPresets;
      const verdicts = gpus.map((gpu) => trainingVerdict(result, gpu, input.gpus));
      const { model, ...settings } = input;
      if (json) return write(context, toJson({ model: modelData(model), ...settings, ...result, verdicts }));
      return write(context, formatTraining(input, result, verdicts) + explain(result));
    }
    case 'compute':
    case 'flops': {
      const input = resolveComputeInput(flags);
      const result = computeCompute(input);
      const { model, gpu, ...settings } = input;
      if (json) return write(context, toJson({ model: modelData(model), gpu, ...settings, ...result }));
      return write(context, formatCompute(input, result) + explain(result));
    }
    default:
      throw new AppError('usage', `unknown calculation "${what}"; use inference, training or compute (flops)\n\nusage: ${usage}`);
  }
};

function write(context: CliContext, output: string): number {
  context.stdout.write(output);
  return 0;
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function helpText(): string {
  return `usage: ${usage}

  inference   weights + KV cache + activations + overhead, and how many of each GPU it needs
              --model --dtype fp32|fp16|bf16|int8|int4 [--group-size 128] --kv-dtype fp16|bf16|fp8|int8|int4|fp32
              --context 4096|32k --batch 1 [--overhead 0.1] [--gpu a100-80g]
  training    per-GPU memory of full fine-tuning, LoRA or QLoRA
              --method full|lora|qlora --optimizer adamw|adam|sgd|adam8bit --precision mixed|bf16|fp32
              --gpus 8 --zero 0-3 [--offload] [--checkpointing] [--flash-attention] --seq 2048 --micro-batch 1
              --rank 8 --targets q,k,v,o,gate,up,down|all [--gpu a100-80g]
  compute     training FLOPs 6·N·D and time, inference 2·N FLOPs/token, decode tokens/s bound (alias: flops)
              --tokens 2T --gpu a100-80g --gpus 8 --mfu 0.4 [--dtype --context --batch]

  model: --model <preset> (see --list-models), optionally overridden by, or replaced with,
         --layers --hidden --heads --kv-heads --intermediate --vocab --ffn gated|plain --params 7B
  output: a table in GiB (2^30 bytes) and GB (10^9 bytes); --explain adds every term, assumption and source;
          --json prints the numbers in bytes.
`;
}
