// The calculators over HTTP: inference memory, training memory and compute, with the same inputs, defaults and
// validation as `mianba calc` (the JSON fields are its flags in camelCase), plus the model and GPU presets.
import { z } from 'zod';
import { computeCompute } from '../calc/compute.js';
import { kvDtypes, weightDtypes } from '../calc/dtypes.js';
import { modelData, modelListData } from '../calc/format-presets.js';
import { verdictFor, verdictsFor } from '../calc/gpu-verdict.js';
import { computeInferenceMemory } from '../calc/inference-memory.js';
import { optimizerKinds, trainingPrecisions } from '../calc/optimizer-states.js';
import { gpuPresets } from '../calc/presets-gpus.js';
import { type CalcFlags, resolveComputeInput, resolveGpu, resolveInferenceInput, resolveTrainingInput } from '../calc/resolve-options.js';
import { computeTrainingMemory, trainingMethods } from '../calc/training-memory.js';
import { trainingVerdict } from '../calc/training-verdict.js';
import { AppError, isAppError } from '../core/errors.js';
import { type ApiRoute, defineRoute } from './api-route.js';

const count = z.union([z.string().max(32), z.number().positive()]);
const positiveInt = z.number().int().positive();
const calcBody = z.object({
  model: z.string().max(64).optional().describe('model preset id (see /api/calc/presets), or describe one with layers/hidden/heads or params'),
  dtype: z.enum(weightDtypes).optional(),
  kvDtype: z.enum(kvDtypes).optional(),
  context: count.optional().describe('tokens, e.g. 4096 or "32k"'),
  batch: positiveInt.optional(),
  groupSize: positiveInt.optional(),
  overhead: z.number().min(0).max(5).optional(),
  method: z.enum(trainingMethods).optional(),
  optimizer: z.enum(optimizerKinds).optional(),
  precision: z.enum(trainingPrecisions).optional(),
  gpu: z.string().max(64).optional(),
  gpus: positiveInt.optional(),
  zero: z.number().int().min(0).max(3).optional(),
  offload: z.boolean().optional(),
  checkpointing: z.boolean().optional(),
  flashAttention: z.boolean().optional(),
  seq: count.optional(),
  microBatch: positiveInt.optional(),
  rank: positiveInt.optional(),
  targets: z.string().max(64).optional().describe('LoRA targets: "q,v", "all"'),
  tokens: count.optional().describe('training tokens, e.g. "2T"'),
  mfu: z.number().min(0.01).max(1).optional(),
  layers: positiveInt.optional(),
  hidden: positiveInt.optional(),
  heads: positiveInt.optional(),
  kvHeads: positiveInt.optional(),
  intermediate: positiveInt.optional(),
  vocab: positiveInt.optional(),
  params: count.optional().describe('parameter count, e.g. "7B"'),
  ffn: z.enum(['gated', 'plain']).optional(),
});
type CalcBody = z.output<typeof calcBody>;

const termSchema = z.object({ label: z.string(), formula: z.string(), substitution: z.string(), value: z.number(), unit: z.string() });
const resultSchema = z.looseObject({
  model: z.looseObject({ id: z.string(), name: z.string() }),
  terms: z.array(termSchema),
  assumptions: z.array(z.string()),
});

export function calcRoutes(): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/calc/presets',
      tag: 'calculators',
      summary: 'Model and GPU presets',
      response: z.object({
        models: z.array(z.looseObject({ id: z.string(), name: z.string() })),
        gpus: z.array(z.looseObject({ id: z.string(), name: z.string() })),
      }),
      handle: async () => ({ models: modelListData(), gpus: gpuPresets }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calc/inference',
      tag: 'calculators',
      summary: 'Inference memory: weights + KV cache + activations + overhead, and GPUs needed',
      body: calcBody,
      response: resultSchema.extend({ totalBytes: z.number(), kvCacheBytes: z.number(), gpus: z.array(z.looseObject({ gpu: z.string() })) }),
      handle: async ({ body }) =>
        calculate(() => {
          const flags = toFlags(body);
          const input = resolveInferenceInput(flags);
          const result = computeInferenceMemory(input);
          const verdicts = body.gpu ? [verdictFor(result.totalBytes, resolveGpu(body.gpu))] : verdictsFor(result.totalBytes);
          const { model, ...settings } = input;
          return { model: modelData(model), ...settings, ...result, gpus: verdicts };
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calc/training',
      tag: 'calculators',
      summary: 'Training memory per GPU: full fine-tuning, LoRA or QLoRA, with ZeRO and verdicts per GPU',
      body: calcBody,
      response: resultSchema.extend({ perGpuBytes: z.number(), verdicts: z.array(z.looseObject({ gpu: z.string(), fits: z.boolean() })) }),
      handle: async ({ body }) =>
        calculate(() => {
          const input = resolveTrainingInput(toFlags(body));
          const result = computeTrainingMemory(input);
          const verdicts = (body.gpu ? [resolveGpu(body.gpu)] : gpuPresets).map((gpu) => trainingVerdict(result, gpu, input.gpus));
          const { model, ...settings } = input;
          return { model: modelData(model), ...settings, ...result, verdicts };
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calc/compute',
      tag: 'calculators',
      summary: 'Compute: training FLOPs 6·N·D and time, inference FLOPs per token, decode tokens/s bound',
      body: calcBody,
      response: resultSchema.extend({ inferenceFlopsPerToken: z.number() }),
      handle: async ({ body }) =>
        calculate(() => {
          const input = resolveComputeInput(toFlags(body));
          const result = computeCompute(input);
          const { model, ...settings } = input;
          return { model: modelData(model), ...settings, ...result };
        }),
    }),
  ];
}

/** The calculators speak in CLI flags ("--kv-dtype"); the API answers in its own field names. */
function calculate<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'usage') throw error;
    const message = error.message.replace(/--([a-z]+(?:-[a-z]+)*)/g, (_match, flag: string) =>
      flag.replace(/-([a-z])/g, (_dash, c: string) => c.toUpperCase()),
    );
    throw new AppError('invalid_input', message, { cause: error });
  }
}

function toFlags(body: CalcBody): CalcFlags {
  const flags: CalcFlags = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const flag = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    flags[flag] = typeof value === 'boolean' ? value : String(value);
  }
  return flags;
}
