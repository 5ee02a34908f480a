// Model presets with their real configurations (from each model's config.json / paper) and published sizes.
// Lookup is by a forgiving id (case, dashes, dots, org prefix and -hf/-chat/-instruct suffixes are ignored).
import type { ModelConfig } from './model-config.js';

type PresetSpec = Pick<ModelConfig, 'id' | 'name' | 'hiddenSize' | 'layers' | 'heads' | 'intermediateSize' | 'vocabSize' | 'maxContextTokens' | 'source'> &
  Partial<Omit<ModelConfig, 'id' | 'name'>> & { aliases?: string[] };

/** LLaMA-style defaults: RMSNorm, RoPE, SwiGLU, no biases, untied embeddings, MHA. */
function preset(spec: PresetSpec): ModelConfig & { aliases: string[] } {
  const { aliases = [], ...rest } = spec;
  return {
    kvHeads: spec.heads,
    headDim: spec.hiddenSize / spec.heads,
    tiedEmbeddings: false,
    ffn: 'gated',
    norm: 'rmsnorm',
    position: 'rope',
    embeddingNorm: false,
    bias: { qkv: false, attentionOutput: false, ffn: false },
    publishedParams: undefined,
    paramsOverride: undefined,
    notes: [],
    ...rest,
    aliases,
  };
}

const allBiases = { qkv: true, attentionOutput: true, ffn: true };

export const modelPresets: readonly (ModelConfig & { aliases: string[] })[] = [
  // Touvron et al. 2023 "Llama 2"; counts are the HF checkpoints' exact sizes (meta-llama/Llama-2-*-hf).
  preset({
    id: 'llama-2-7b',
    name: 'LLaMA-2 7B',
    hiddenSize: 4096,
    layers: 32,
    heads: 32,
    intermediateSize: 11008,
    vocabSize: 32000,
    maxContextTokens: 4096,
    publishedParams: 6_738_415_616,
    source: 'meta-llama/Llama-2-7b-hf config.json',
    aliases: ['llama2-7b'],
  }),
  preset({
    id: 'llama-2-13b',
    name: 'LLaMA-2 13B',
    hiddenSize: 5120,
    layers: 40,
    heads: 40,
    intermediateSize: 13824,
    vocabSize: 32000,
    maxContextTokens: 4096,
    publishedParams: 13_015_864_320,
    source: 'meta-llama/Llama-2-13b-hf config.json',
  }),
  preset({
    id: 'llama-2-70b',
    name: 'LLaMA-2 70B',
    hiddenSize: 8192,
    layers: 80,
    heads: 64,
    kvHeads: 8,
    intermediateSize: 28672,
    vocabSize: 32000,
    maxContextTokens: 4096,
    publishedParams: 68_976_648_192,
    source: 'meta-llama/Llama-2-70b-hf config.json (published as "70B"; exact count 68.98B)',
  }),
  // Touvron et al. 2023 "LLaMA" Table 2: 65.2B; the classic "65B on N x V100" interview model.
  preset({
    id: 'llama-65b',
    name: 'LLaMA-1 65B',
    hiddenSize: 8192,
    layers: 80,
    heads: 64,
    intermediateSize: 22016,
    vocabSize: 32000,
    maxContextTokens: 2048,
    publishedParams: 65.2e9,
    source: 'Touvron et al. 2023 (LLaMA) Table 2',
    aliases: ['llama-1-65b'],
  }),
  // Meta Llama 3 model card; 128K-token tiktoken vocabulary, GQA with 8 KV heads at both sizes.
  preset({
    id: 'llama-3-8b',
    name: 'Llama-3 8B',
    hiddenSize: 4096,
    layers: 32,
    heads: 32,
    kvHeads: 8,
    intermediateSize: 14336,
    vocabSize: 128256,
    maxContextTokens: 8192,
    publishedParams: 8_030_261_248,
    source: 'meta-llama/Meta-Llama-3-8B config.json',
    aliases: ['llama3-8b', 'meta-llama-3-8b'],
  }),
  preset({
    id: 'llama-3-70b',
    name: 'Llama-3 70B',
    hiddenSize: 8192,
    layers: 80,
    heads: 64,
    kvHeads: 8,
    intermediateSize: 28672,
    vocabSize: 128256,
    maxContextTokens: 8192,
    publishedParams: 70_553_706_496,
    source: 'meta-llama/Meta-Llama-3-70B config.json',
    aliases: ['llama3-70b', 'meta-llama-3-70b'],
  }),
  // Qwen2.5 technical report (2024): bias on q/k/v only; 7B and 72B do not tie embeddings.
  preset({
    id: 'qwen2.5-7b',
    name: 'Qwen2.5 7B',
    hiddenSize: 3584,
    layers: 28,
    heads: 28,
    kvHeads: 4,
    intermediateSize: 18944,
    vocabSize: 152064,
    maxContextTokens: 131072,
    bias: { qkv: true, attentionOutput: false, ffn: false },
    publishedParams: 7.61e9,
    source: 'Qwen/Qwen2.5-7B config.json; model card "7.61B"',
    aliases: ['qwen-2.5-7b', 'qwen25-7b'],
  }),
  preset({
    id: 'qwen2.5-72b',
    name: 'Qwen2.5 72B',
    hiddenSize: 8192,
    layers: 80,
    heads: 64,
    kvHeads: 8,
    intermediateSize: 29568,
    vocabSize: 152064,
    maxContextTokens: 131072,
    bias: { qkv: true, attentionOutput: false, ffn: false },
    publishedParams: 72.7e9,
    source: 'Qwen/Qwen2.5-72B config.json; model card "72.7B"',
    aliases: ['qwen-2.5-72b', 'qwen25-72b'],
  }),
  // THUDM/chatglm-6b: GLM block with LayerNorm, GeLU MLP (4h), biases on every linear, 2D RoPE, lm head tied.
  preset({
    id: 'chatglm-6b',
    name: 'ChatGLM-6B',
    hiddenSize: 4096,
    layers: 28,
    heads: 32,
    intermediateSize: 16384,
    vocabSize: 130528,
    maxContextTokens: 2048,
    ffn: 'plain',
    norm: 'layernorm',
    bias: allBiases,
    tiedEmbeddings: true,
    publishedParams: 6.2e9,
    source: 'THUDM/chatglm-6b config.json; README "62 亿参数"',
    aliases: ['chatglm6b', 'chatglm'],
  }),
  // Jiang et al. 2023 "Mistral 7B" (v0.1): GQA 8 KV heads, 4096-token sliding window (not modelled: KV is counted in full).
  preset({
    id: 'mistral-7b',
    name: 'Mistral-7B',
    hiddenSize: 4096,
    layers: 32,
    heads: 32,
    kvHeads: 8,
    intermediateSize: 14336,
    vocabSize: 32000,
    maxContextTokens: 32768,
    publishedParams: 7_241_732_096,
    source: 'mistralai/Mistral-7B-v0.1 config.json (announced as "7.3B"; exact count 7.24B)',
    notes: ['v0.1 uses a 4096-token sliding window; the KV cache here is the full-attention upper bound'],
    aliases: ['mistral-7b-v0.1', 'mistral'],
  }),
  // Yang et al. 2023 "Baichuan 2": LLaMA-like with a 125,696-token vocabulary and NormHead (same parameter count).
  preset({
    id: 'baichuan2-7b',
    name: 'Baichuan2-7B',
    hiddenSize: 4096,
    layers: 32,
    heads: 32,
    intermediateSize: 11008,
    vocabSize: 125696,
    maxContextTokens: 4096,
    publishedParams: 7_505_973_248,
    source: 'baichuan-inc/Baichuan2-7B-Base config.json',
    aliases: ['baichuan-2-7b'],
  }),
  // BigScience BLOOM model card: "7,069,016,064 parameters"; ALiBi, embedding LayerNorm, biases, tied lm head.
  preset({
    id: 'bloom-7b1',
    name: 'BLOOM-7B1',
    hiddenSize: 4096,
    layers: 30,
    heads: 32,
    intermediateSize: 16384,
    vocabSize: 250880,
    maxContextTokens: 2048,
    ffn: 'plain',
    norm: 'layernorm',
    position: 'alibi',
    embeddingNorm: true,
    bias: allBiases,
    tiedEmbeddings: true,
    publishedParams: 7_069_016_064,
    source: 'bigscience/bloom-7b1 config.json and model card',
    aliases: ['bloom-7b', 'bloom7b1'],
  }),
  // Brown et al. 2020 Table 2.1: 96 layers, d_model 12288, 96 heads of 128, 2048 context, learned positions, tied.
  preset({
    id: 'gpt-3',
    name: 'GPT-3 175B',
    hiddenSize: 12288,
    layers: 96,
    heads: 96,
    intermediateSize: 49152,
    vocabSize: 50257,
    maxContextTokens: 2048,
    ffn: 'plain',
    norm: 'layernorm',
    position: 'learned',
    bias: allBiases,
    tiedEmbeddings: true,
    publishedParams: 175e9,
    source: 'Brown et al. 2020 (GPT-3) Table 2.1',
    aliases: ['gpt3', 'gpt-3-175b', 'gpt3-175b'],
  }),
];

/** The preset for a name, or undefined. Accepts 'Llama-2-7B', 'meta-llama/Llama-2-7b-hf', 'qwen2.5-7b-instruct'... */
export function findModelPreset(name: string): ModelConfig | undefined {
  const key = compactModelName(name);
  return modelPresets.find((model) => [model.id, ...model.aliases].some((alias) => compactModelName(alias) === key));
}

export function modelPresetIds(): string[] {
  return modelPresets.map((model) => model.id);
}

/** Lower-cased, punctuation-free, without org prefix or -hf/-chat/-instruct/-base suffixes: 'llama27b'. */
export function compactModelName(name: string): string {
  const withoutOrg = name.trim().toLowerCase().split('/').pop() ?? '';
  return withoutOrg.replace(/([-_](hf|chat|instruct|base))+$/, '').replace(/[^a-z0-9]/g, '');
}
