// End to end in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core) against `serve`'s
// HTTP app on 127.0.0.1:0 with the built web app: a Chinese question answered with streamed, cited output; one
// drill question taken to a grade; an uploaded file found again; XSS payloads in a document and in an answer shown
// as inert text. Screenshots go to test-artifacts/ and one per page to docs/screenshots/ for the README.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChatMessage, ChatModel, ChatOptions } from '../src/models/chat-model.js';
import { fakeReply } from '../src/models/fake-chat-model.js';
import { type RunningServer, startServer } from '../src/server/start-server.js';
import { mianbaVersion } from '../src/server/version.js';
import { makeTestApp, type TestHome } from './server-helpers.js';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`web e2e tests skipped: ${chromiumPath} is missing (apt-get install -y chromium fonts-wqy-microhei)`);

const root = fileURLToPath(new URL('..', import.meta.url));
const webRoot = join(root, 'web', 'dist');
const artifacts = join(root, 'test-artifacts');
const screenshots = join(root, 'docs', 'screenshots');

/** The fake model, slowed down so that the browser sees the answer arrive piece by piece. */
class SlowFakeChatModel implements ChatModel {
  readonly id = 'fake-model';
  async chat(messages: ChatMessage[], options: ChatOptions = {}) {
    const text = fakeReply(messages);
    for (const piece of text.match(/[\s\S]{1,4}/g) ?? []) {
      options.onToken?.(piece);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return { text, finishReason: 'stop' };
  }
}

describe.skipIf(!hasChromium)('web app in headless Chromium', () => {
  let home: TestHome;
  let server: RunningServer;
  let browser: Browser | BrowserContext;
  let page: Page;
  let profile: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  const shoot = async (name: string, forReadme = false) => {
    const file = join(artifacts, `${name}.png`);
    await page.screenshot({ path: file });
    if (forReadme) copyFileSync(file, join(screenshots, `${name}.png`));
  };

  beforeAll(async () => {
    if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` before the web tests');
    mkdirSync(artifacts, { recursive: true });
    mkdirSync(screenshots, { recursive: true });
    home = await makeTestApp({}, { chatModel: new SlowFakeChatModel() });
    server = await startServer(home.app, {
      host: '127.0.0.1',
      port: 0,
      version: mianbaVersion,
      webRoot,
    });
    profile = mkdtempSync(join(tmpdir(), 'mianba-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
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
      viewport: { width: 1280, height: 860 },
      locale: 'zh-CN',
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    home?.cleanup();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('ask a Chinese question: the answer streams in with clickable citations and a trace', async () => {
    await page.goto(`${server.url}/#/ask`);
    await page.fill('[data-testid=ask-input]', 'KV cache 为什么能加速推理?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=streaming] [data-testid=answer-text]', { timeout: 15_000 });
    const partial = await page.textContent('[data-testid=answer-text]');
    await page.waitForSelector('[data-testid=answer][data-status=done]', { timeout: 20_000 });
    const final = await page.textContent('[data-testid=answer-text]');
    expect(partial?.length ?? 0).toBeLessThan(final?.length ?? 0);
    expect(await page.locator('[data-testid=sources] li').count()).toBeGreaterThan(0);
    await page.click('[data-testid=answer-text] button.cite >> nth=0');
    await expect.poll(() => page.textContent('[data-testid=citation-source]')).toMatch(/bank\/chapters\/.+\.yaml:\d+/);
    await shoot('ask', true);
    await page.click('[data-testid=toggle-trace]');
    expect(await page.locator('[data-testid=trace] tbody tr').count()).toBeGreaterThan(0);
    await shoot('ask-trace');
  }, 60_000);

  test('drill one question to a grade, then see it on the progress page', async () => {
    await page.goto(`${server.url}/#/practice`);
    await page.click('[data-testid=drill-start]');
    await page.waitForSelector('[data-testid=drill-question]');
    const id = (await page.getAttribute('[data-testid=drill]', 'data-id')) ?? '';
    const item = (await (await fetch(`${server.url}/api/questions/${id}`)).json()) as { keyPoints: { zh: string }[] };
    await page.fill('[data-testid=drill-answer]', item.keyPoints.map((point) => point.zh).join('。'));
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid=grade]');
    expect(Number(await page.textContent('[data-testid=grade-score]'))).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=covered] li').count()).toBeGreaterThan(0);
    await shoot('practice', true);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('3');
    await page.waitForSelector('[data-testid=recorded]');
    await page.goto(`${server.url}/#/progress`);
    await page.waitForSelector('[data-testid=chart-reviews]');
    await expect.poll(() => page.locator('[data-testid=progress] .stat-value').nth(1).textContent()).toBe('1');
    await shoot('progress', true);
  }, 60_000);

  test('upload a file with XSS payloads, find it again, and see the payloads as text', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mianba-upload-'));
    const file = join(folder, 'whale-notes.md');
    writeFileSync(
      file,
      '# 缓存笔记\n\n## 什么是蓝鲸缓存协议?\n\n蓝鲸缓存协议把热点键值放在显存里 <img src=x onerror=alert(1)> <script>alert(2)</script> 以减少重复计算。\n\n![tracker](https://tracker.example/pixel.png)\n',
    );
    await page.goto(`${server.url}/#/kbs/notes`);
    await page.setInputFiles('[data-testid=upload-input]', file);
    await page.waitForSelector('[data-testid=upload-reports] .outcome-added', { timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid=documents] tbody tr').count()).toBe(1);
    await shoot('kbs', true);

    await page.goto(`${server.url}/#/bank`);
    await page.fill('[data-testid=bank-search]', '蓝鲸缓存');
    await expect.poll(() => page.textContent('[data-testid=bank-count]')).toMatch(/按相关度排序/);
    await page.click('[data-testid=question-card] summary >> nth=0');
    await page.waitForSelector('[data-testid=question-body]');
    const card = (await page.textContent('[data-testid=question-card][open]')) ?? '';
    expect(card).toContain('<img src=x onerror=alert(1)>');
    expect(card).toContain('<script>alert(2)</script>');
    await page.fill('[data-testid=bank-search]', '');
    await shoot('bank', true);

    await page.goto(`${server.url}/#/ask`);
    // The earlier conversation is still there after leaving the page (Ask reopens the last conversation, loaded
    // from the server); start afresh.
    await expect.poll(() => page.locator('[data-testid=turn]').count()).toBeGreaterThan(0);
    await page.click('[data-testid=clear-chat]');
    await page.fill('[data-testid=ask-input]', '什么是蓝鲸缓存协议?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=done]', { timeout: 20_000 });
    const answer = (await page.textContent('[data-testid=answer-text]')) ?? '';
    expect(answer).toContain('蓝鲸缓存协议');
    expect(answer).toContain('<img src=x onerror=alert(1)>');
    await page.click('[data-testid=answer-text] button.cite >> nth=0');
    // Relative to the knowledge base: never the server's upload directory.
    await expect.poll(() => page.textContent('[data-testid=citation-source]')).toMatch(/^notes · whale-notes\.md:\d+$/);
    // No sleep needed: the answer is rendered (status done), and with no <img> or <script> element in it no handler
    // can ever run, so the dialog check below is already final.
    expect(await page.locator('.markdown img').count()).toBe(0);
    expect(await page.locator('.markdown script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  test('a short mock interview with a timer ends in a report', async () => {
    await page.goto(`${server.url}/#/practice/mock`);
    await page.selectOption('[data-testid=mock-count]', '3');
    await page.uncheck('[data-testid=mock-follow-ups]');
    await page.click('[data-testid=mock-start]');
    await page.waitForSelector('[data-testid=mock-timer]');
    expect(await page.textContent('[data-testid=mock-timer]')).toMatch(/\d+:\d\d/);
    for (let index = 0; index < 3; index++) {
      await page.fill('[data-testid=mock-answer]', '它通过缓存减少重复计算,并且需要权衡显存占用。');
      await page.click('[data-testid=mock-next]');
      await page.waitForFunction(
        (count) => document.querySelector('[data-testid=mock-report]') !== null || document.body.textContent?.includes(`${count + 2}/`),
        index,
      );
    }
    await page.waitForSelector('[data-testid=mock-report] [data-testid=mock-report-row]');
    await shoot('practice-mock-report');
  }, 60_000);

  test('calculators, English UI, dark theme and a phone-sized screen', async () => {
    await page.goto(`${server.url}/#/calc`);
    await page.click('[data-testid=calc-submit]');
    await page.waitForSelector('[data-testid=calc-result]');
    expect(await page.textContent('[data-testid=calc-result] h2')).toMatch(/GiB/);
    await shoot('calc', true);
    await page.click('[data-testid=language-switch]');
    expect(await page.textContent('[data-testid=nav-ask]')).toBe('Ask');
    // The theme cycles auto -> light -> dark; wait for each step to render before the next click.
    await page.click('[data-testid=theme-switch]');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.click('[data-testid=theme-switch]');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/#/bank`);
    await page.waitForSelector('[data-testid=question-card]');
    await shoot('bank-phone-dark-en');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
