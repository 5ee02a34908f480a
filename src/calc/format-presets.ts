// Human output of `calc --list-models` and `calc --list-gpus`: the presets with their configurations.
import type { ModelConfig } from './model-config.js';
import { countParameters } from './param-count.js';
import { gpuPresets } from './presets-gpus.js';
import { modelPresets } from './presets-models.js';
import { formatCount } from './quantities.js';
import { formatTable } from './text-table.js';

export function formatModelList(): string {
  const rows = modelPresets.map((model) => {
    const computed = countParameters(model).total;
    const published = model.publishedParams;
    return [
      model.id,
      formatCount(computed),
      published === undefined ? '-' : formatCount(published),
      published === undefined ? '-' : `${(((computed - published) / published) * 100).toFixed(2)}%`,
      String(model.layers),
      String(model.hiddenSize),
      `${model.heads}/${model.kvHeads}`,
      String(model.headDim),
      `${model.intermediateSize} ${model.ffn === 'gated' ? 'SwiGLU' : 'GeLU'}`,
      String(model.vocabSize),
      model.tiedEmbeddings ? 'yes' : 'no',
      String(model.maxContextTokens),
    ];
  });
  const header = ['model', 'params', 'published', 'diff', 'layers', 'hidden', 'heads/kv', 'head dim', 'FFN', 'vocab', 'tied', 'context'];
  return `Model presets (params computed from the configuration vs published):\n${formatTable(header, rows)}`;
}

export function formatGpuList(): string {
  const rows = gpuPresets.map((gpu) => [gpu.id, gpu.name, String(gpu.memoryGib), String(gpu.bandwidthGBps), String(gpu.fp16Tflops)]);
  return `GPU presets (dense fp16/bf16 tensor TFLOPS, no sparsity):\n${formatTable(['gpu', 'name', 'GiB', 'GB/s', 'TFLOPS'], rows)}`;
}

/** Plain data describing a model for --json: its configuration and the computed parameter count. */
export function modelData(model: ModelConfig) {
  const { id, name, hiddenSize, layers, heads, kvHeads, headDim, intermediateSize, vocabSize, ffn, tiedEmbeddings, maxContextTokens } = model;
  const computedParams = countParameters(model).total;
  return {
    id,
    name,
    hiddenSize,
    layers,
    heads,
    kvHeads,
    headDim,
    intermediateSize,
    vocabSize,
    ffn,
    tiedEmbeddings,
    maxContextTokens,
    computedParams,
    publishedParams: model.publishedParams,
    paramsOverride: model.paramsOverride,
    source: model.source,
  };
}

export function modelListData() {
  return modelPresets.map((model) => ({ ...modelData(model), aliases: model.aliases }));
}
