// Shared setup of the server tests: a temp MIANBA_HOME, an App over it, and the Hono app (no port) or a real server
// on 127.0.0.1:0. Nothing here touches the network beyond loopback.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, type AppOverrides, createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createHttpApp, type HttpAppOptions } from '../src/server/http-app.js';
import { mianbaVersion } from '../src/server/version.js';

export interface TestHome {
  home: string;
  app: App;
  cleanup(): void;
}

export async function makeTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}, configFile?: object): Promise<TestHome> {
  const home = mkdtempSync(join(tmpdir(), 'mianba-server-'));
  if (configFile) writeFileSync(join(home, 'config.json'), JSON.stringify(configFile));
  const app = createApp(await loadConfig({ env: { MIANBA_HOME: home, ...env } }), overrides);
  return {
    home,
    app,
    cleanup() {
      app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export function makeHttpApp(home: TestHome, options: Partial<HttpAppOptions> = {}) {
  return createHttpApp(home.app, {
    version: mianbaVersion,
    policy: { host: '127.0.0.1', port: () => undefined, token: undefined },
    ...options,
  });
}

/** Parses a text/event-stream body into its events. */
export function parseSse(text: string): { event: string; data: string }[] {
  return text
    .split(/\n\n+/)
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event =
        lines
          .find((line) => line.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message';
      const data = lines
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      return { event, data };
    });
}
