// Recognises calculator questions in Chinese or English ("7B 全参数微调需要多少显存", "can 4 x V100 32G train a 65B
// model?") and extracts model, context, GPUs, dtype and method. Pure; returns undefined when it is not such a question.
import { modelForSizeBillions } from './custom-model.js';
import type { WeightDtype } from './dtypes.js';
import type { ModelConfig } from './model-config.js';
import { findGpuPreset, type GpuPreset } from './presets-gpus.js';
import { compactModelName, modelPresets } from './presets-models.js';

import type { TrainingMethod, ZeroStage } from './training-memory.js';

export type QuestionKind = 'inference' | 'training' | 'compute';

export interface CalcQuestion {
  kind: QuestionKind;
  /** The question is about the KV cache specifically. */
  kvFocus: boolean;
  model: ModelConfig;
  /** How the model was found when it is not named exactly, e.g. '"chatglm2-6b" → ChatGLM-6B (nearest preset by size)'. */
  modelNote: string | undefined;
  dtype: WeightDtype | undefined;
  contextTokens: number | undefined;
  batch: number | undefined;
  gpu: GpuPreset | undefined;
  gpuCount: number | undefined;
  method: TrainingMethod;
  zeroStage: ZeroStage | undefined;
  offload: boolean;
  trainingTokens: number | undefined;
}

const kvPattern = /kv[\s-]*cache|kv\s*缓存|键值缓存/;
const computePattern = /flops|算力|训练时间|多久|多长时间|how long|gpu[\s-]*hours?|卡时|tokens?\s*\/\s*s|tok\/s|吞吐|throughput|速度|speed|latency|延迟/;
const memoryPattern =
  /显存|内存|memory|vram|\d\s*gb?\b|放得下|装得下|\bfit|多大|how big|how much|能(训练|跑|部署|推理|微调)|\bcan\b|多少(张|块|卡)|how many gpus/;
const trainPattern = /训练|微调|fine[\s-]*tun|finetun|\btrain|\bsft\b|lora|全参|全量|pretrain|zero[\s-]*[0-3]|deepspeed/;
const inferencePattern = /推理|部署|\bserv(e|ing)|inference|\binfer|加载|\bload|\brun\b|上下文|context/;
const gpuPattern =
  /(?<![a-z0-9])(?:rtx\s*)?(v100|a100|a800|h100|h800|h200|a10|t4|l20|l40s|4090|3090)(?![a-z0-9])(?:[\s-]*(?:sxm\d?|pcie)?[\s-]*(\d+)\s*gb?\b)?/;
const chineseDigits: Record<string, number> = { 一: 1, 单: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十六: 16 };

export function parseCalcQuestion(question: string): CalcQuestion | undefined {
  const text = question.normalize('NFKC').toLowerCase();
  const found = findModel(text);
  if (!found) return undefined;
  const { model, note: modelNote } = found;
  const kvFocus = kvPattern.test(text);
  const memory = memoryPattern.test(text);
  const training = trainPattern.test(text);
  let kind: QuestionKind;
  if (kvFocus) kind = 'inference';
  else if (computePattern.test(text) && !memory) kind = 'compute';
  else if (training) kind = 'training';
  else if (memory || inferencePattern.test(text)) kind = 'inference';
  else return undefined;
  const gpu = findGpu(text);
  return {
    kind,
    kvFocus,
    model,
    modelNote,
    dtype: findDtype(text),
    contextTokens: findContext(text),
    batch: firstNumber(text, [/batch(?:[\s_-]*size)?\s*(?:=|:|为|是|of)?\s*(\d+)/, /\bbs\s*=?\s*(\d+)/, /(\d+)\s*(?:个)?(?:并发|concurrent)/]),
    gpu,
    gpuCount: findGpuCount(text),
    method: /qlora/.test(text) || (/lora/.test(text) && /4[\s-]*bit|nf4/.test(text)) ? 'qlora' : /lora/.test(text) ? 'lora' : 'full',
    zeroStage: zeroStage(text),
    offload: /offload|卸载/.test(text),
    trainingTokens: findTrainingTokens(text),
  };
}

/** A preset named in the text ("llama-2-7b", "Qwen2.5 72B"), else a size ("65B", "70亿") mapped to a preset or generic shape. */
function findModel(text: string): { model: ModelConfig; note: string | undefined } | undefined {
  for (const { model, pattern } of presetPatterns()) if (pattern.test(text)) return { model, note: undefined };
  const notTokens = String.raw`(?!\s*(?:个\s*)?tokens?)`;
  const billions = new RegExp(String.raw`([a-z][a-z0-9.]*[-_ ]?)?(?<![0-9.])(\d+(?:\.\d+)?)\s*(?:b|billion)\b${notTokens}`).exec(text);
  const yi = billions ? undefined : new RegExp(String.raw`()(\d+(?:\.\d+)?)\s*亿${notTokens}`).exec(text);
  const match = billions ?? yi;
  if (!match) return undefined;
  const size = Number(match[2]) / (yi ? 10 : 1);
  const model = modelForSizeBillions(size);
  const how = model.paramsOverride === undefined ? 'the preset of that size' : 'a LLaMA-like shape of that size';
  return { model, note: `"${match[0].trim()}" → ${model.name} (${how})` };
}

/**
 * One pattern per preset name, longest first, allowing spaces, dashes and dots between the parts:
 * 'llama-2-7b' matches "Llama 2 7B" and "llama2-7b"; a following digit rejects ("chatglm" vs "chatglm2", "gpt-3.5").
 */
function presetPatterns(): { model: ModelConfig; pattern: RegExp }[] {
  const entries = modelPresets.flatMap((model) =>
    [model.id, ...model.aliases].map((alias) => {
      const parts = alias.toLowerCase().match(/[a-z]+|\d+[a-z]*\d*/g) ?? [];
      return { model, length: compactModelName(alias).length, pattern: new RegExp(`(?<![a-z])${parts.join('[\\s\\-_.]*')}(?!\\.?\\d)`) };
    }),
  );
  return entries.sort((left, right) => right.length - left.length);
}

function findGpu(text: string): GpuPreset | undefined {
  const match = gpuPattern.exec(text);
  if (!match?.[1]) return undefined;
  const withMemory = match[2] ? findGpuPreset(`${match[1]}-${match[2]}g`) : undefined;
  return withMemory ?? findGpuPreset(match[1]);
}

function findGpuCount(text: string): number | undefined {
  const gpuNames = String.raw`(?:rtx\s*)?(?:v100|a100|a800|h100|h800|h200|a10|t4|l20|l40s|4090|3090|gpu|显卡)`;
  const digits = firstNumber(text, [
    /(?<![a-z0-9.])(\d+)\s*(?:张|块|卡(?!时))/,
    new RegExp(String.raw`(\d+)\s*(?:x|×|\*)\s*${gpuNames}`),
    new RegExp(String.raw`${gpuNames}(?:[\s-]*\d+\s*gb?)?\s*(?:x|×|\*)\s*(\d+)`),
    /(\d+)\s*(?:gpus|cards)\b/,
  ]);
  if (digits !== undefined) return digits;
  const chinese = /(十六|[一单两二三四五六七八九十])\s*(?:张|块|卡)/.exec(text);
  if (chinese?.[1]) return chineseDigits[chinese[1]];
  return /single gpu|one gpu|a single/.test(text) ? 1 : undefined;
}

function findDtype(text: string): WeightDtype | undefined {
  if (/\bfp32\b|float32|全精度/.test(text)) return 'fp32';
  if (/\bbf16\b|bfloat16/.test(text)) return 'bf16';
  if (/\bfp16\b|float16|\bhalf\b|半精度/.test(text)) return 'fp16';
  if (/\bint8\b|8[\s-]*bit|8 位/.test(text)) return 'int8';
  if (/\bint4\b|4[\s-]*bit|4 位|gptq|awq/.test(text)) return 'int4';
  return undefined;
}

/** "32k" (binary: 32768), "4096 tokens", "上下文 8192", "context length 2048". */
function findContext(text: string): number | undefined {
  const kilo = /(?<![a-z0-9.])(\d+(?:\.\d+)?)\s*k\b(?!\s*(?:个\s*)?tokens?\s*(?:的)?\s*(?:训练|数据|语料|data))/.exec(text);
  if (kilo) return Math.round(Number(kilo[1]) * 1024);
  return firstNumber(text, [
    /(?<![a-z0-9])(\d{3,7})\s*(?:个)?\s*(?:tokens?|上下文|长度|context)/,
    /(?:context|上下文|序列长度|长度|seq(?:uence)?[\s_-]*len(?:gth)?|max[\s_-]*len)\D{0,12}?(\d{3,7})/,
  ]);
}

/** "2T tokens", "300B tokens", "1.4 万亿 tokens". */
function findTrainingTokens(text: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)\s*(万亿|亿|万|[kmbt])\s*(?:个\s*)?tokens?/.exec(text);
  if (!match?.[2]) return undefined;
  const scale: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12, 万: 1e4, 亿: 1e8, 万亿: 1e12 };
  return Number(match[1]) * (scale[match[2]] ?? 1);
}

function zeroStage(text: string): ZeroStage | undefined {
  const match = /zero[\s-]*([0-3])/.exec(text);
  return match ? (Number(match[1]) as ZeroStage) : undefined;
}

function firstNumber(text: string, patterns: RegExp[]): number | undefined {
  for (const pattern of patterns) {
    const value = Number(pattern.exec(text)?.[1]);
    if (Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}
