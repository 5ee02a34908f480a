// The settings page's write path: the model and threshold settings read from and written to the same config file
// the CLI reads ($MIANBA_HOME/config.json), validated by the config schema before anything is written, written
// atomically (temporary file + rename, owner-only since it holds keys). API keys leave here only masked.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../core/errors.js';
import { type Config, configFilePath, llmPresets, loadConfig } from './config.js';

export interface ModelSettings {
  baseUrl: string;
  model: string;
  /** undefined keeps the stored key, '' removes it. */
  apiKey?: string | undefined;
}

export interface SettingsPatch {
  /** null removes the model (extractive answers only). */
  llm?: ModelSettings | null | undefined;
  /** null goes back to the built-in embedder. */
  embed?: ModelSettings | null | undefined;
  refusalThreshold?: number | undefined;
}

export interface MaskedKey {
  set: boolean;
  /** "••••" and the last 4 characters of a long key; never the key. */
  masked?: string | undefined;
}

export interface SettingsView {
  llm: { baseUrl: string; model: string; apiKey: MaskedKey } | null;
  embed: { provider: 'builtin' | 'openai' | 'onnx'; baseUrl?: string | undefined; model?: string | undefined; apiKey: MaskedKey };
  refusalThreshold: number;
  /** Environment variables that override the file (settings saved here do not win over them). */
  overriddenBy: string[];
  /** The embedder saved differs from the one the server runs: it applies after a restart and `mianba kb reindex`. */
  embedderRestartNeeded: boolean;
}

/** Embedding servers with an OpenAI-compatible /embeddings endpoint (DeepSeek has none). */
export const embedPresets: Record<string, { baseUrl: string; model?: string }> = {
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' },
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1' },
  'llama.cpp': { baseUrl: 'http://127.0.0.1:8080/v1' },
  qwen: { baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'text-embedding-v3' },
  openai: { baseUrl: 'https://api.openai.com/v1', model: 'text-embedding-3-small' },
};

export { llmPresets };

export function maskKey(key: string | undefined): MaskedKey {
  if (!key) return { set: false };
  return { set: true, masked: key.length >= 12 ? `••••${key.slice(-4)}` : '••••' };
}

const envNames = {
  llm: ['MIANBA_LLM_BASE_URL', 'MIANBA_LLM_MODEL', 'MIANBA_LLM_API_KEY', 'MIANBA_LLM_PRESET', 'OPENAI_BASE_URL', 'OPENAI_API_KEY', 'MIANBA_LLM_GGUF'],
  embed: ['MIANBA_EMBED_BASE_URL', 'MIANBA_EMBED_MODEL', 'MIANBA_EMBED_API_KEY', 'MIANBA_EMBED_ONNX_DIR'],
};

/** The settings as the page shows them: what the server runs (file + environment), keys masked. */
export function readSettings(config: Config, env: Record<string, string | undefined> = process.env): SettingsView {
  const file = readRaw(config.home);
  const saved = (file.embed ?? { provider: 'builtin' }) as { provider?: string; baseUrl?: string; model?: string };
  const embed = config.embed;
  const running = embed.provider === 'openai' ? `openai ${embed.baseUrl} ${embed.model}` : embed.provider;
  const wanted = saved.provider === 'openai' ? `openai ${saved.baseUrl} ${saved.model}` : (saved.provider ?? 'builtin');
  return {
    llm: config.llm ? { baseUrl: config.llm.baseUrl, model: config.llm.model, apiKey: maskKey(config.llm.apiKey) } : null,
    // What is saved, when it waits for a restart; else what runs.
    embed:
      saved.provider === 'openai' && running !== wanted
        ? { provider: 'openai', baseUrl: saved.baseUrl, model: saved.model, apiKey: maskKey((file.embed as { apiKey?: string }).apiKey) }
        : embed.provider === 'openai'
          ? { provider: 'openai', baseUrl: embed.baseUrl, model: embed.model, apiKey: maskKey(embed.apiKey) }
          : { provider: embed.provider, apiKey: { set: false } },
    refusalThreshold: config.retrieval.refusalThreshold,
    overriddenBy: [...envNames.llm, ...envNames.embed].filter((name) => env[name]),
    embedderRestartNeeded: running !== wanted && !envNames.embed.some((name) => env[name]),
  };
}

/**
 * Merges the patch into the config file, validates the result with the config schema (the error names the field),
 * writes it atomically and returns the configuration as the server now sees it (environment still wins).
 */
export async function writeSettings(config: Config, patch: SettingsPatch, env: Record<string, string | undefined> = process.env): Promise<Config> {
  const file = readRaw(config.home);
  const next: Record<string, unknown> = { ...file };
  if (patch.llm === null) delete next.llm;
  else if (patch.llm) next.llm = withKey(file.llm, patch.llm);
  if (patch.embed === null) next.embed = { provider: 'builtin' };
  else if (patch.embed) next.embed = { provider: 'openai', ...withKey(file.embed, patch.embed) };
  if (patch.refusalThreshold !== undefined) next.retrieval = { ...(file.retrieval as object | undefined), refusalThreshold: patch.refusalThreshold };
  const { configSchema } = await import('./config-schema.js');
  const checked = configSchema.safeParse({ ...next, home: config.home, kb: config.kb });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new AppError('invalid_input', `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  writeAtomically(configFilePath(config.home), `${JSON.stringify(next, null, 2)}\n`);
  const reloaded = await loadConfig({ env: { ...env, MIANBA_HOME: config.home, MIANBA_KB: config.kb } });
  return { ...reloaded, kb: config.kb, maxFileMb: config.maxFileMb };
}

function withKey(stored: unknown, settings: ModelSettings): Record<string, unknown> {
  const previous = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const { apiKey, ...rest } = settings;
  const merged: Record<string, unknown> = { ...previous, ...rest };
  delete merged.provider;
  if (apiKey === '') delete merged.apiKey;
  else if (apiKey !== undefined) merged.apiKey = apiKey;
  return merged;
}

function readRaw(home: string): Record<string, unknown> {
  const path = join(home, 'config.json');
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    throw new AppError('invalid_config', `the config file is not valid JSON (${(error as Error).message}); fix or remove it first`, { cause: error });
  }
}

function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.config.${randomBytes(4).toString('hex')}.partial`);
  try {
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new AppError('store_failed', `cannot write the config file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}
