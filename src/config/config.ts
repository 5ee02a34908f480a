// The one place that reads process.env: defaults < config file ($MIANBA_HOME/config.json) < environment < flags,
// validated once by a zod schema whose error names the bad field.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/errors.js';

const llmSchema = z.object({
  baseUrl: z.string().url(),
  model: z.string().min(1),
  apiKey: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().positive().optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  repetitionPenalty: z.number().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  timeoutMs: z.number().int().positive().default(120_000),
  maxRetries: z.number().int().min(0).max(10).default(3),
});

const embedSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('builtin') }),
  z.object({ provider: z.literal('openai'), baseUrl: z.string().url(), model: z.string().min(1), apiKey: z.string().optional() }),
  z.object({ provider: z.literal('onnx'), directory: z.string().min(1) }),
]);

export const configSchema = z.object({
  home: z.string().min(1),
  kb: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'knowledge base names use letters, digits, - and _ (max 64)'),
  llm: llmSchema.optional(),
  embed: embedSchema.default({ provider: 'builtin' }),
  retrieval: z
    .object({
      rrfK: z.number().positive().default(60),
      lexicalWeight: z.number().min(0).default(1),
      vectorWeight: z.number().min(0).default(1),
      rerank: z.boolean().default(true),
      expandQuery: z.boolean().default(true),
      /** Minimum evidence score below which ask refuses; set by `mianba eval calibrate`. */
      refusalThreshold: z.number().min(0).max(1).default(0.3),
      candidates: z.number().int().positive().default(50),
    })
    .default({ rrfK: 60, lexicalWeight: 1, vectorWeight: 1, rerank: true, expandQuery: true, refusalThreshold: 0.3, candidates: 50 }),
  practice: z.object({ desiredRetention: z.number().gt(0.5).lt(1).default(0.9) }).default({ desiredRetention: 0.9 }),
  maxFileMb: z.number().positive().default(50),
});

export type Config = z.infer<typeof configSchema>;
export type LlmConfig = z.infer<typeof llmSchema>;
export type EmbedConfig = z.infer<typeof embedSchema>;

export interface ConfigSources {
  env: Record<string, string | undefined>;
  /** Values from command-line flags, already typed. */
  flags?: Partial<{ kb: string; maxFileMb: number }>;
}

export function loadConfig({ env, flags = {} }: ConfigSources): Config {
  const home = env.MIANBA_HOME || defaultHome(env);
  const file = readConfigFile(join(home, 'config.json'));
  const raw: Record<string, unknown> = { ...file, home };
  raw.kb = flags.kb ?? env.MIANBA_KB ?? file.kb ?? 'default';
  if (flags.maxFileMb !== undefined) raw.maxFileMb = flags.maxFileMb;
  const llm = llmFromEnv(env, file.llm as Record<string, unknown> | undefined);
  if (llm) raw.llm = llm;
  const embed = embedFromEnv(env);
  if (embed) raw.embed = embed;
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('invalid_config', `invalid configuration at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export function configFilePath(home: string): string {
  return join(home, 'config.json');
}

/** $XDG_DATA_HOME/mianba, ~/Library/Application Support/mianba, %LOCALAPPDATA%\mianba, else ~/.local/share/mianba. */
function defaultHome(env: Record<string, string | undefined>): string {
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'mianba');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'mianba');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'mianba');
  return join(homedir(), '.local', 'share', 'mianba');
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new AppError('invalid_config', `cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** MIANBA_LLM_* first, then OPENAI_*; MIANBA_LLM_PRESET fills the base URL of well-known servers. */
function llmFromEnv(env: Record<string, string | undefined>, fromFile: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const preset = env.MIANBA_LLM_PRESET ? llmPresets[env.MIANBA_LLM_PRESET] : undefined;
  if (env.MIANBA_LLM_PRESET && !preset)
    throw new AppError('invalid_config', `unknown MIANBA_LLM_PRESET "${env.MIANBA_LLM_PRESET}"; known: ${Object.keys(llmPresets).join(', ')}`);
  const baseUrl = env.MIANBA_LLM_BASE_URL ?? env.OPENAI_BASE_URL ?? preset?.baseUrl;
  const model = env.MIANBA_LLM_MODEL ?? preset?.model;
  const apiKey = env.MIANBA_LLM_API_KEY ?? env.OPENAI_API_KEY ?? (preset?.apiKeyEnv ? env[preset.apiKeyEnv] : undefined);
  if (!baseUrl && !model && !fromFile) return undefined;
  const merged: Record<string, unknown> = { ...fromFile };
  if (baseUrl) merged.baseUrl = baseUrl;
  if (model) merged.model = model;
  if (apiKey) merged.apiKey = apiKey;
  if (!merged.baseUrl && !merged.model) return undefined;
  if (!merged.baseUrl) merged.baseUrl = 'https://api.openai.com/v1';
  return merged;
}

function embedFromEnv(env: Record<string, string | undefined>): Record<string, unknown> | undefined {
  if (env.MIANBA_EMBED_ONNX_DIR) return { provider: 'onnx', directory: env.MIANBA_EMBED_ONNX_DIR };
  if (env.MIANBA_EMBED_BASE_URL || env.MIANBA_EMBED_MODEL)
    return { provider: 'openai', baseUrl: env.MIANBA_EMBED_BASE_URL, model: env.MIANBA_EMBED_MODEL, apiKey: env.MIANBA_EMBED_API_KEY };
  return undefined;
}

/** Base URLs of OpenAI-compatible servers users run most; the model still comes from MIANBA_LLM_MODEL. */
export const llmPresets: Record<string, { baseUrl: string; model?: string; apiKeyEnv?: string }> = {
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1' },
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1' },
  'llama.cpp': { baseUrl: 'http://127.0.0.1:8080/v1' },
  deepseek: { baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', apiKeyEnv: 'DEEPSEEK_API_KEY' },
  qwen: { baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus', apiKeyEnv: 'DASHSCOPE_API_KEY' },
  openai: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY' },
};
