// The settings page in a real headless Chromium (issue 14 item 4), against the fake OpenAI server on 127.0.0.1:
// presets fill the base URL, "Test connection" shows the model and latency or the error code, Save writes the
// config file the CLI reads, the header then names the model, and the key never comes back to the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { type BrowserSession, hasChromium, openBrowserSession } from './web-browser.js';
import { checkLayouts } from './web-layout-checks.js';

const key = 'sk-browser-settings-key-4242';

describe.skipIf(!hasChromium)('settings page in the browser', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;
  let fake: FakeServer;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), apiKey: key });
    session = await openBrowserSession();
    page = session.page;
    url = session.server.url;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await fake?.close();
  });

  test('presets, test connection (success and failure), save to the config file, header names the model, key never shown', async () => {
    await page.goto(`${url}/#/settings`);
    await page.waitForSelector('[data-testid=settings-llm]');
    expect(await page.textContent('[data-testid=model-badge]')).toContain('离线摘录');
    await page.locator('[data-testid=settings-llm] input[type=checkbox]').first().uncheck();
    await page.selectOption('[data-testid=llm-preset]', 'ollama');
    expect(await page.inputValue('[data-testid=llm-base-url]')).toBe('http://127.0.0.1:11434/v1');
    await page.selectOption('[data-testid=llm-preset]', 'deepseek');
    expect(await page.inputValue('[data-testid=llm-model]')).toBe('deepseek-chat');

    await page.fill('[data-testid=llm-base-url]', fake.url);
    await page.fill('[data-testid=llm-model]', 'fake-model');
    await page.fill('[data-testid=llm-key]', 'sk-wrong-key-for-the-test-1');
    await page.click('[data-testid=llm-test]');
    await page.waitForSelector('[data-testid=llm-test-result].error');
    const failed = await page.textContent('[data-testid=llm-test-result]');
    expect(failed).toContain('连接失败');
    expect(failed).toContain('[model_auth]');
    expect(failed).not.toContain('sk-wrong-key-for-the-test-1');

    await page.fill('[data-testid=llm-key]', key);
    await page.click('[data-testid=llm-test]');
    await page.waitForSelector('[data-testid=llm-test-result].ok-text');
    expect(await page.textContent('[data-testid=llm-test-result]')).toMatch(/^✓ 连接成功:fake-model,耗时 \d+ ms$/);

    await page.fill('[data-testid=threshold]', '0.06');
    await page.click('[data-testid=settings-save]');
    await page.waitForSelector('[data-testid=settings-message].ok-text');
    await expect.poll(() => page.textContent('[data-testid=model-badge]')).toContain('fake-model');
    const file = JSON.parse(readFileSync(join(session.home.home, 'config.json'), 'utf8')) as {
      llm: { apiKey: string; model: string };
      retrieval: { refusalThreshold: number };
    };
    expect(file.llm).toMatchObject({ apiKey: key, model: 'fake-model' });
    expect(file.retrieval.refusalThreshold).toBe(0.06);

    await page.reload();
    await page.waitForSelector('[data-testid=llm-key]');
    expect(await page.inputValue('[data-testid=llm-key]')).toBe('');
    expect(await page.getAttribute('[data-testid=llm-key]', 'placeholder')).toContain('••••4242');
    expect(await page.content()).not.toContain(key);
    expect(await page.inputValue('[data-testid=threshold]')).toBe('0.06');
    // An empty key field keeps the stored key: the test still passes.
    await page.click('[data-testid=llm-test]');
    await page.waitForSelector('[data-testid=llm-test-result].ok-text');

    // The Ask page answers with it at once.
    await page.goto(`${url}/#/ask`);
    await page.fill('[data-testid=ask-input]', 'KV cache 为什么能加速推理?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=done]', { timeout: 60_000 });
    expect(await page.textContent('.answer-footer')).toContain('fake-model');
    expect(session.errors).toEqual([]);
  }, 180_000);

  test('a bad base URL is refused with the field named; phone, English, both themes: no overflow, no serious axe violations', async () => {
    await page.goto(`${url}/#/settings`);
    await page.waitForSelector('[data-testid=llm-base-url]');
    await page.fill('[data-testid=llm-base-url]', 'ftp://example');
    await page.click('[data-testid=settings-save]');
    await page.waitForSelector('[data-testid=settings-message].error');
    expect(await page.textContent('[data-testid=settings-message]')).toContain('baseUrl');
    // The refused save logged its 400 on the console; nothing else may.
    expect(session.errors.filter((error) => !/400/.test(error))).toEqual([]);
    session.errors.length = 0;
    await page.evaluate(() => localStorage.setItem('mianba.language', 'en'));
    await page.goto(`${url}/#/settings`);
    const found = await checkLayouts(page, 'settings', () => page.waitForSelector('[data-testid=llm-key]'));
    expect(found).toEqual([]);
    expect(await page.textContent('[data-testid=settings]')).toContain('Test connection');
    await page.evaluate(() => localStorage.removeItem('mianba.language'));
    expect(session.errors).toEqual([]);
  }, 180_000);
});
