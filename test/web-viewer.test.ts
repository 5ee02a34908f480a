// The document viewer in a real headless Chromium (issue 14 item 3): a citation to an uploaded note opens it at the
// cited line with the passage highlighted and in view; the path shown is relative to the knowledge base (never
// $MIANBA_HOME); PDF shows page numbers; a bad path is a clear error; phone, zh/en, light/dark, axe, no overflow.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makePdf } from './support/make-fixtures.js';
import { type BrowserSession, hasChromium, openBrowserSession } from './web-browser.js';
import { checkLayouts } from './web-layout-checks.js';

const filler = Array.from({ length: 60 }, (_, index) => `第 ${index + 1} 行铺垫文字,用来把被引用的段落推到屏幕之外。`);
const note = [
  '# 推理笔记',
  '',
  ...filler,
  '',
  '## 鲸鱼缓存为什么能加速解码?',
  '',
  '鲸鱼缓存保存已经算过的键和值,解码新词时不必重算前缀。',
  '',
  '## 别的问题?',
  '',
  '别的回答。',
  '',
].join('\n');

describe.skipIf(!hasChromium)('document viewer in the browser', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    url = session.server.url;
    const form = new FormData();
    form.append('file', new Blob([note]), 'llm/whale.md');
    form.append('file', new Blob([new Uint8Array(makePdf(['1. What is RLHF?', 'Reinforcement learning from human feedback.']))]), 'rlhf.pdf');
    const upload = await fetch(`${url}/api/kbs/notes/documents`, { method: 'POST', body: form });
    expect(upload.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  test('a citation opens the note at the cited line, the passage highlighted and in view; KB-relative paths only', async () => {
    await page.goto(`${url}/#/ask`);
    await page.selectOption('select[aria-label="知识库"]', 'notes');
    await page.fill('[data-testid=ask-input]', '鲸鱼缓存为什么能加速解码?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=done] [data-testid=sources]');
    const link = page.locator('[data-testid=source-link]').first();
    expect(await link.textContent()).toMatch(/^notes · llm\/whale\.md:\d+$/);
    expect(await page.content()).not.toContain(session.home.home);
    await link.click();
    await page.waitForSelector('[data-testid=doc-marked]');
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/doc\/notes\/llm\/whale\.md\?line=\d+$/);
    const marked = await page.locator('[data-testid=doc-marked]').allTextContents();
    expect(marked.join('\n')).toContain('## 鲸鱼缓存为什么能加速解码?');
    expect(marked.join('\n')).toContain('不必重算前缀');
    expect(marked.join('\n')).not.toContain('别的回答');
    const box = await page.locator('[data-testid=doc-marked]').first().boundingBox();
    expect(box?.y).toBeGreaterThan(0);
    expect(box?.y).toBeLessThan(900);
    expect(await page.textContent('.doc-title')).toContain('llm/whale.md');
    expect(await page.content()).not.toContain(session.home.home);

    // The citation panel links there too.
    await page.goBack();
    await page.waitForSelector('[data-testid=sources]');
    await page.locator('[data-testid=sources] button.link').first().click();
    await page.click('[data-testid=citation-doc-link]');
    await page.waitForSelector('[data-testid=doc-marked]');
    expect(session.errors).toEqual([]);
  }, 120_000);

  test('PDF text with page numbers; a path that is not a stored document is a clear error', async () => {
    await page.goto(`${url}/#/doc/notes/rlhf.pdf?line=1`);
    await page.waitForSelector('[data-testid=doc-page]');
    expect(await page.textContent('[data-testid=doc-page]')).toBe('第 1 页');
    expect(await page.textContent('.doc-lines')).toContain('Reinforcement learning from human feedback.');
    await page.goto(`${url}/#/doc/notes/..%2F..%2Fetc%2Fpasswd?line=1`);
    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toMatch(/no document/);
    // The failed request logs one console error (404); nothing else may.
    expect(session.errors.filter((error) => !/404/.test(error))).toEqual([]);
    session.errors.length = 0;
  }, 60_000);

  test('phone, English, both themes: no sideways scrolling, no serious axe violations', async () => {
    await page.evaluate(() => localStorage.setItem('mianba.language', 'en'));
    await page.goto(`${url}/#/doc/notes/llm/whale.md?line=64`);
    const found = await checkLayouts(page, 'viewer', () => page.waitForSelector('[data-testid=doc-marked]'));
    expect(found).toEqual([]);
    expect(await page.textContent('[data-testid=doc-viewer] header')).toContain('Back');
    await page.evaluate(() => localStorage.removeItem('mianba.language'));
    expect(session.errors).toEqual([]);
  }, 120_000);
});
