// Which strings are secrets: the configured API keys and the server token, read from the same sources as the
// configuration (environment, config file). Outputs pass them to redactSecrets (core/redact.ts); nothing else decides.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config-schema.js';

/** Environment variables whose value is a secret, whatever its shape. */
export const secretEnvNames = [
  'MIANBA_LLM_API_KEY',
  'OPENAI_API_KEY',
  'MIANBA_EMBED_API_KEY',
  'DEEPSEEK_API_KEY',
  'DASHSCOPE_API_KEY',
  'MIANBA_TOKEN',
] as const;

/** The secrets of a loaded configuration (plus a server token, when there is one). */
export function secretsOfConfig(config: Config, token?: string): string[] {
  return present([config.llm?.apiKey, config.embed.provider === 'openai' ? config.embed.apiKey : undefined, token, passwordOf(config.databaseUrl)]);
}

/**
 * Every secret reachable from the environment and the config file, without validating anything: used by the CLI's
 * one error handler, which must redact even when loading the configuration itself failed.
 */
export function secretsOfEnvironment(env: Record<string, string | undefined>): string[] {
  const fromEnv = [...secretEnvNames.map((name) => env[name]), passwordOf(env.MIANBA_DATABASE_URL)];
  const home = env.MIANBA_HOME;
  const fromFile: unknown[] = [];
  if (home && existsSync(join(home, 'config.json'))) {
    try {
      const file = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as {
        llm?: { apiKey?: unknown };
        embed?: { apiKey?: unknown };
        databaseUrl?: unknown;
      };
      fromFile.push(file.llm?.apiKey, file.embed?.apiKey, typeof file.databaseUrl === 'string' ? passwordOf(file.databaseUrl) : undefined);
    } catch {
      // An unreadable config file holds no secret we could know; loadConfig reports the file itself.
    }
  }
  return present([...fromEnv, ...fromFile]);
}

function present(values: readonly unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** The password inside a database URL (postgres://user:password@host/db), decoded; undefined when there is none. */
export function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    // Not a URL: the schema rejects it with its own message; there is no password to find.
    return undefined;
  }
}
