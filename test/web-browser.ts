// Shared set-up of the browser tests: `serve`'s HTTP app on 127.0.0.1:0 with the built web app and a fresh test
// home, and Debian's headless Chromium (/usr/bin/chromium) through playwright-core, collecting page errors,
// console errors and dialogs so that every test can assert there were none.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { AppOverrides } from '../src/app.js';
import { type RunningServer, startServer } from '../src/server/start-server.js';
import { mianbaVersion } from '../src/server/version.js';
import { makeTestApp, type TestHome } from './server-helpers.js';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const root = fileURLToPath(new URL('..', import.meta.url));
export const webRoot = join(root, 'web', 'dist');
export const artifacts = join(root, 'test-artifacts');

export interface BrowserSession {
  home: TestHome;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors, CSP refusals and console errors (a failed request logs one). */
  errors: string[];
  dialogs: string[];
  close(): Promise<void>;
}

export async function openBrowserSession(overrides: AppOverrides = {}, locale = 'zh-CN'): Promise<BrowserSession> {
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` before the web tests');
  mkdirSync(artifacts, { recursive: true });
  const home = await makeTestApp({}, overrides);
  const server = await startServer(home.app, {
    host: '127.0.0.1',
    port: 0,
    version: mianbaVersion,
    webRoot,
  });
  const profile = mkdtempSync(join(tmpdir(), 'mianba-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return {
    home,
    server,
    context,
    page,
    errors,
    dialogs,
    async close() {
      await context.close();
      await server.close();
      home.cleanup();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
