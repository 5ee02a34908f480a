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
  const app = createApp(config, {
    // A knowledge base built with another tokenizer or built-in embedder version is re-indexed on first use, and the
    // built-in one is rebuilt for a configured model embedder or an edited bank: say so, with counts on a terminal.
    onIndexProgress: ({ kb, reason, done, total }) => {
      if (done === 0 && total > 0)
        context.stderr.write(`mianba: ${reason === 'first build' ? 'building' : 're-indexing'} knowledge base "${kb}" (${reason})\n`);
      else if (context.stderr.isTTY) context.stderr.write(`\r  ${done}/${total} units${done === total ? '\n' : ''}`);
    },
  });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

export function writeJson(context: CliContext, value: unknown): void {
  context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
