// The one place that reads process.env: defaults < config file ($MIANBA_HOME/config.json) < environment < flags,
// validated once by the zod schema in config-schema.ts whose error names the bad field.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { kbNamePattern } from '../core/kb-name.js';
import { defaultKb, defaultMaxFileMb, practiceDefaults, retrievalDefaults } from './config-defaults.js';
import type { Config } from './config-schema.js';

export type { Config, EmbedConfig, LlmConfig } from './config-schema.js';

export interface ConfigSources {
  env: Record<string, string | undefined>;
  /** Values from command-line flags, already typed. */
  flags?: Partial<{ kb: string; maxFileMb: number }>;
}

export async function loadConfig({ env, flags = {} }: ConfigSources): Promise<Config> {
  const home = env.MIANBA_HOME || defaultHome(env);
  const file = readConfigFile(join(home, 'config.json'));
  const raw: Record<string, unknown> = { ...file, home };
  raw.kb = flags.kb ?? env.MIANBA_KB ?? file.kb ?? defaultKb;
  if (flags.maxFileMb !== undefined) raw.maxFileMb = flags.maxFileMb;
  const llm = llmFromEnv(env, file.llm as Record<string, unknown> | undefined);
  if (llm) raw.llm = llm;
  const embed = embedFromEnv(env);
  if (embed) raw.embed = embed;
  if (env.MIANBA_LLM_GGUF) raw.gguf = { ...(file.gguf as Record<string, unknown> | undefined), path: env.MIANBA_LLM_GGUF };
  if (env.MIANBA_RERANK_ONNX_DIR)
    raw.retrieval = { ...(raw.retrieval as Record<string, unknown> | undefined), reranker: 'onnx', rerankerDirectory: env.MIANBA_RERANK_ONNX_DIR };
  // Nothing beyond the defaults: no schema to run (kb names are still checked).
  if (Object.keys(raw).length === 2 && typeof raw.kb === 'string' && kbNamePattern.test(raw.kb)) return defaultConfig(home, raw.kb);
  const { configSchema } = await import('./config-schema.js');
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('invalid_config', `invalid configuration at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** The configuration when nothing is configured; equal to what the schema's defaults give (tested). */
export function defaultConfig(home: string, kb: string): Config {
  return {
    home,
    kb,
    embed: { provider: 'builtin' },
    retrieval: { ...retrievalDefaults },
    practice: { ...practiceDefaults },
    maxFileMb: defaultMaxFileMb,
  };
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
