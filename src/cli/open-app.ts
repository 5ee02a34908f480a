// Builds the App for a CLI command from its context (environment and flags) and guarantees it is closed.
import { type App, createApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import type { CliContext } from './cli-context.js';

export async function withApp<T>(
  context: CliContext,
  flags: { kb?: string | undefined; maxFileMb?: number | undefined },
  run: (app: App) => Promise<T>,
): Promise<T> {
  const config = await loadConfig({
    env: context.env,
    flags: { ...(flags.kb !== undefined ? { kb: flags.kb } : {}), ...(flags.maxFileMb !== undefined ? { maxFileMb: flags.maxFileMb } : {}) },
  });
  const app = createApp(config);
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

export function writeJson(context: CliContext, value: unknown): void {
  context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
