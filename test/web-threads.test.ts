// Conversations in a real headless Chromium (issue 14 item 2): the old browser history imported once; threads
// listed, switched, renamed, exported and deleted; turns kept across reloads; the offline note shown once per
// thread; with a model (the fake OpenAI server on 127.0.0.1): the header names it, Regenerate, and Stop, which ends
// the model request on the server and keeps the partial answer. Phone drawer, zh/en, light/dark, axe, no overflow.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { artifacts, type BrowserSession, hasChromium, openBrowserSession } from './web-browser.js';
import { checkLayouts } from './web-layout-checks.js';

describe.skipIf(!hasChromium)('conversations in the browser', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;
  let fake: FakeServer;
  let stalling: FakeServer;
  const signals: AbortSignal[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model') });
    stalling = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), faults: [{ kind: 'stall', afterChunks: 2 }] });
    session = await openBrowserSession({
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal);
        return fetch(input, init);
      },
    });
    page = session.page;
    url = session.server.url;
    await session.home.app.search({ query: 'warm up' });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await fake?.close();
    await stalling?.close();
  });

  const useModel = (baseUrl: string | undefined) => {
    const config = session.home.app.config;
    session.home.app.reconfigure({ ...config, llm: baseUrl ? { baseUrl, model: 'fake-model', timeoutMs: 30_000, maxRetries: 0 } : undefined });
  };
  const threadId = () => page.evaluate(() => /^#\/ask\/([0-9a-f-]{36})/.exec(location.hash)?.[1]);
  const answers = () => page.locator('[data-testid=answer][data-status=done], [data-testid=answer][data-status=stopped]');
  const ask = async (question: string, count: number) => {
    await page.fill('[data-testid=ask-input]', question);
    await page.click('[data-testid=ask-send]');
    await expect.poll(() => answers().count(), { timeout: 30_000 }).toBe(count);
  };

  test('offline: old history imported once; threads kept, switched, renamed, exported, deleted; the offline note once per thread', async () => {
    await page.goto(`${url}/#/bank`);
    await page.evaluate(() =>
      localStorage.setItem(
        'mianba.ask.turns',
        JSON.stringify([
          {
            id: 1,
            question: '旧的问题:什么是 RoPE?',
            streamed: '',
            status: 'done',
            result: {
              question: '旧的问题:什么是 RoPE?',
              mode: 'extractive',
              refused: false,
              answer: '旋转位置编码 [1]',
              citations: [],
              evidence: 0.5,
              nearest: [],
            },
          },
        ]),
      ),
    );
    await page.goto(`${url}/#/ask`);
    await expect.poll(() => page.locator('[data-testid=thread-link]').count()).toBe(1);
    expect(await page.textContent('[data-testid=threads]')).toContain('之前的对话');
    await expect.poll(() => page.textContent('[data-testid=conversation]')).toContain('旋转位置编码');
    expect(await page.evaluate(() => localStorage.getItem('mianba.ask.turns'))).toBeNull();

    await page.click('[data-testid=new-thread]');
    await expect.poll(() => page.textContent('[data-testid=conversation]')).toMatch(/到「题库」挑一道题/);
    await ask('KV cache 为什么能加速推理?', 1);
    const id = await threadId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await ask('LoRA 的初始化为什么 B 为零?', 2);
    expect(await page.locator('[data-testid=offline-note]').count()).toBe(1);
    expect(await page.textContent('[data-testid=offline-note]')).toContain('每个问题都单独回答');
    await expect.poll(() => page.locator('[data-testid=thread-link]').count()).toBe(2);
    await expect.poll(() => page.textContent('[data-testid=thread-link].active')).toContain('2 轮');

    await page.reload();
    await expect.poll(() => answers().count()).toBe(2);
    expect(await page.textContent('[data-testid=thread-title]')).toBe('KV cache 为什么能加速推理?');
    await page.locator('[data-testid=source-link]').first().click();
    await page.waitForSelector('[data-testid=question-body]');
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/bank\/[a-z0-9-]+$/);
    await page.goBack();
    await expect.poll(() => answers().count()).toBe(2);

    await page.click('[data-testid=rename-thread]');
    await page.fill('[data-testid=rename-input]', '推理加速复习');
    await page.press('[data-testid=rename-input]', 'Enter');
    await expect.poll(() => page.textContent('[data-testid=thread-link].active')).toContain('推理加速复习');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-thread]')]);
    const markdown = readFileSync((await download.path()) as string, 'utf8');
    expect(markdown).toMatch(/^# 推理加速复习\n/);
    expect(markdown).toContain('## LoRA 的初始化为什么 B 为零?');
    expect(markdown).toContain('来源:');

    await page.locator('[data-testid=thread-link]').filter({ hasText: '之前的对话' }).click();
    await expect.poll(() => page.textContent('[data-testid=conversation]')).toContain('旋转位置编码');
    await page.locator('[data-testid=thread-link]').filter({ hasText: '推理加速复习' }).click();
    await expect.poll(() => answers().count()).toBe(2);
    await page.click('[data-testid=delete-thread]');
    await page.click('[data-testid=confirm-delete-thread]');
    await expect.poll(() => page.locator('[data-testid=thread-link]').count()).toBe(1);
    expect(await page.evaluate(() => location.hash)).toBe('#/ask');
    expect((await fetch(`${url}/api/threads/${id}`)).status).toBe(404);
    expect(session.errors).toEqual([]);
    expect(session.dialogs).toEqual([]);
  }, 180_000);

  test('with a model: the header names it, follow-ups carry context, Regenerate, Stop ends the model request and keeps the partial answer', async () => {
    useModel(fake.url);
    await page.goto(`${url}/#/ask`);
    await page.reload();
    await expect.poll(() => page.textContent('[data-testid=model-badge]')).toContain('fake-model');
    await ask('KV cache 为什么能加速推理?', 1);
    await ask('它占多少显存?', 2);
    expect(await page.locator('[data-testid=offline-note]').count()).toBe(0);
    const chats = () => fake.requests.filter((request) => request.path === '/v1/chat/completions');
    const sent = chats().at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);

    const before = chats().length;
    await page.click('[data-testid=regenerate]');
    await expect.poll(() => chats().length).toBe(before + 1);
    await expect.poll(() => answers().count()).toBe(2);
    expect(await page.locator('[data-testid=turn]').count()).toBe(2);

    useModel(stalling.url);
    await page.fill('[data-testid=ask-input]', 'FlashAttention 为什么快?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=streaming] [data-testid=answer-text]');
    const modelSignal = signals.at(-1) as AbortSignal;
    expect(modelSignal.aborted).toBe(false);
    await page.click('[data-testid=ask-stop]');
    await page.waitForSelector('[data-testid=stopped-note]');
    await expect.poll(() => modelSignal.aborted).toBe(true);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=turn]').count()).toBe(3);
    expect(await page.locator('[data-testid=stopped-note]').count()).toBe(1);
    expect(session.errors.filter((error) => !error.includes('AbortError'))).toEqual([]);
    useModel(undefined);
  }, 180_000);

  test('phone drawer, English, both themes: no sideways scrolling, no serious axe violations', async () => {
    await page.goto(`${url}/#/ask`);
    await page.evaluate(() => localStorage.setItem('mianba.language', 'en'));
    await page.locator('[data-testid=thread-link]').first().click();
    await page.waitForSelector('[data-testid=turn]');
    const found = await checkLayouts(page, 'threads', () => page.waitForSelector('[data-testid=turn]'));
    expect(found).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.isVisible('[data-testid=threads]')).toBe(false);
    await page.click('[data-testid=threads-toggle]');
    expect(await page.isVisible('[data-testid=threads]')).toBe(true);
    expect(await page.textContent('[data-testid=new-thread]')).toContain('New conversation');
    await page.screenshot({ path: join(artifacts, 'threads-drawer-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => localStorage.removeItem('mianba.language'));
    expect(session.errors.filter((error) => !error.includes('AbortError'))).toEqual([]);
  }, 240_000);
});
