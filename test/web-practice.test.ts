// Issue 12, the web side, in a real headless Chromium: the drill set-up (topics, count, new at most), rating buttons
// with the next interval, hints one key point at a time, undo, keyboard shortcuts as labelled, interleaved topics;
// the mock with Ctrl+Enter, follow-ups and a full report; past mocks by URL; one due count on Practice, Progress and
// `mianba stats --json`; zh and en, light and dark, desktop and phone without console errors, overflow or axe findings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, runCliJson } from './support/run-cli.js';
import { artifacts, type BrowserSession, hasChromium, openBrowserSession } from './web-browser.js';

describe.skipIf(!hasChromium)('practice in headless Chromium (issue 12)', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    assertBuilt();
    session = await openBrowserSession();
    page = session.page;
    url = session.server.url;
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  const shoot = (name: string) => page.screenshot({ path: join(artifacts, `practice-${name}.png`), fullPage: true });
  const api = async <T>(path: string): Promise<T> => (await fetch(`${url}${path}`)).json() as Promise<T>;
  const reviews = async () => (await api<{ totals: { reviews: number } }>('/api/stats')).totals.reviews;
  /** The chapter of the question on screen (first part of the meta line "chapter > section · state"). */
  const shownTopic = async () => ((await page.textContent('[data-testid=drill] p.muted.small:not(.drill-meta)')) ?? '').split(' > ')[0]?.trim();
  const blur = () => page.locator('h2.drill-question').click();

  test('one due count on Practice, Progress and `mianba stats --json`', async () => {
    // Two cards rated Again an hour ago (due again after minutes): due now.
    const practice = session.home.app.practice();
    for (const id of ['attention-mqa', 'kv-cache-what-is']) {
      const item = await practice.question(id);
      if (!item) throw new Error(`${id} is missing from the bank`);
      practice.record({ item, grade: practice.grade(item, '不知道'), rating: 'again', now: new Date(Date.now() - 3_600_000) });
    }
    const cli = runCliJson<{ totals: { due: number } }>(['stats', '--json'], { home: session.home.home, cwd: tmpdir() });
    expect(cli.json.totals.due).toBe(2);
    await page.goto(`${url}/#/practice`);
    await expect.poll(() => page.textContent('[data-testid=drill-setup] [data-testid=practice-due]')).toBe('2');
    await page.click('[data-testid=drill-start]');
    await page.waitForSelector('[data-testid=drill-question]');
    await expect.poll(() => page.textContent('[data-testid=drill] [data-testid=practice-due]')).toBe('2');
    await page.goto(`${url}/#/progress`);
    await expect.poll(() => page.textContent('[data-testid=progress-due]')).toBe('2');
    expect(session.errors).toEqual([]);
  }, 60_000);

  test('drill set-up: only the chosen topics, at most the chosen number of new questions, then a summary', async () => {
    await page.goto(`${url}/#/practice`);
    await page.waitForSelector('[data-testid=drill-setup]');
    await shoot('setup-zh');
    await page.click('[data-testid=topics-none]');
    expect(await page.isDisabled('[data-testid=drill-start]')).toBe(true);
    await page.check('[data-testid=drill-topics] label:has-text("位置编码") input');
    await page.check('[data-testid=drill-topics] label:has-text("分词器") input');
    await page.selectOption('[data-testid=drill-count]', '5');
    await page.selectOption('[data-testid=drill-new-limit]', '3');
    await page.click('[data-testid=drill-start]');
    const topics: string[] = [];
    let id = '';
    for (let index = 0; index < 3; index++) {
      await expect.poll(() => page.getAttribute('[data-testid=drill]', 'data-id')).not.toBe(id);
      id = (await page.getAttribute('[data-testid=drill]', 'data-id')) ?? '';
      topics.push((await shownTopic()) ?? '');
      expect(await page.textContent('[data-testid=drill] p.muted.small:not(.drill-meta)')).toContain('新题');
      await page.fill('[data-testid=drill-answer]', '不知道');
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid=rate-again]');
      await blur();
      await page.keyboard.press('1');
      await page.waitForSelector('[data-testid=recorded]');
      await page.keyboard.press('n');
    }
    // Three new questions rated and nothing due in those topics: the session ends before its count of 5.
    await page.waitForSelector('[data-testid=drill-summary]');
    expect(await page.textContent('[data-testid=drill-summary]')).toMatch(/本轮完成[\s\S]*没有更多可练的题[\s\S]*重来 3/);
    expect(new Set(topics)).toEqual(new Set(['位置编码', '分词器']));
    // Interleaved: the two chapters alternate.
    expect(topics[0]).not.toBe(topics[1]);
    expect(topics[1]).not.toBe(topics[2]);
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('rating buttons show the next interval; hints one at a time cap at Hard; U undoes; 1-4, N, Ctrl+Enter as labelled', async () => {
    // The app's origin first (localStorage belongs to it), whatever page the previous test left open.
    await page.goto(`${url}/#/practice`);
    await page.evaluate(() => localStorage.removeItem('mianba.drill'));
    await page.goto(`${url}/#/practice/drill/peft-lora-init`);
    await page.waitForSelector('[data-testid=drill-question]');
    const before = await reviews();
    expect(await page.textContent('[data-testid=shortcuts]')).toMatch(
      /Ctrl\/⌘\+Enter\s*提交.*Esc\s*离开输入框.*H\s*提示.*S\s*跳过.*1–4\s*评分.*U\s*撤销.*N\s*下一题/,
    );
    // The cursor starts in the answer box; Esc leaves it, then H reveals one key point.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('drill-answer');
    await page.keyboard.press('Escape');
    await page.keyboard.press('h');
    await expect.poll(() => page.locator('[data-testid=hints] li').count()).toBe(1);
    // Two quick presses are two hints, even when the second comes before the page has re-rendered (it once counted
    // as one: the key listener of the old render still saw no hint used).
    await page.keyboard.press('h');
    await page.keyboard.press('h');
    await expect.poll(() => page.locator('[data-testid=hints] li').count()).toBe(3);
    expect(await page.textContent('[data-testid=drill-hint]')).toMatch(/提示 3\/\d/);
    await page.fill('[data-testid=drill-answer]', 'A 用随机初始化,B 初始化为 0,这样训练开始时增量为零');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid=grade]');
    expect(await page.textContent('[data-testid=grade-hints]')).toMatch(/使用了提示.*困难.*\(3\)/);
    const labels = await page.locator('.rating-row button').allTextContents();
    expect(labels).toHaveLength(4);
    expect(labels[0]).toMatch(/^1\s*重来\s*\d+(分钟|小时)/);
    expect(labels[1]).toMatch(/^2\s*困难\s*\d+(分钟|小时|天)/);
    expect(labels[2]).toMatch(/^3\s*良好\s*\d+(分钟|小时|天)/);
    expect(labels[3]).toMatch(/^4\s*简单\s*\d+(天|个月)/);
    expect(await page.isDisabled('[data-testid=rate-good]')).toBe(true);
    expect(await page.isDisabled('[data-testid=rate-easy]')).toBe(true);
    await shoot('rating-zh');
    await blur();
    await page.keyboard.press('3');
    await page.keyboard.press('2');
    await page.waitForSelector('[data-testid=recorded]');
    expect(await page.textContent('[data-testid=recorded]')).toContain('困难');
    expect(await reviews()).toBe(before + 1);

    await page.keyboard.press('u');
    await page.waitForSelector('[data-testid=rate-hard]');
    expect(await page.textContent('[data-testid=drill-notice]')).toMatch(/已撤销/);
    expect(await reviews()).toBe(before);
    await blur();
    await page.keyboard.press('1');
    await page.waitForSelector('[data-testid=recorded]');
    expect(await page.textContent('[data-testid=recorded]')).toContain('重来');
    expect(await reviews()).toBe(before + 1);

    // N moves on; U on the next question brings the rated one back, unrated.
    await page.keyboard.press('n');
    await expect.poll(() => page.getAttribute('[data-testid=drill]', 'data-id')).not.toBe('peft-lora-init');
    await blur();
    await page.keyboard.press('u');
    await expect.poll(() => page.getAttribute('[data-testid=drill]', 'data-id')).toBe('peft-lora-init');
    await page.waitForSelector('[data-testid=rate-again]');
    expect(await reviews()).toBe(before);
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('a wrong claim is shown with its correction in the drill grade', async () => {
    await page.goto(`${url}/#/practice/drill/sft-train-eval-mode`);
    await page.waitForSelector('[data-testid=drill-question]');
    await page.fill('[data-testid=drill-answer]', 'model.eval() 会关闭梯度计算,所以推理时不需要 torch.no_grad();eval 模式下 Dropout 仍然生效。');
    await page.click('[data-testid=drill-grade]');
    await page.waitForSelector('[data-testid=grade-claims]');
    const claims = (await page.textContent('[data-testid=grade-claims]')) ?? '';
    expect(claims).toMatch(/错误说法.*eval\(\) 会关闭梯度.*纠正/);
    expect(Number(await page.textContent('[data-testid=grade-score]'))).toBeLessThanOrEqual(2);
    expect(session.errors).toEqual([]);
  }, 60_000);

  test('topics interleaved: skipping through a session, never three questions of one chapter in a row', async () => {
    await page.evaluate(() => localStorage.setItem('mianba.drill', JSON.stringify({ topics: [], count: 20, newLimit: 1000 })));
    await page.goto(`${url}/#/practice`);
    await page.reload();
    await page.click('[data-testid=drill-start]');
    const topics: string[] = [];
    let id = '';
    for (let index = 0; index < 9; index++) {
      await expect.poll(() => page.getAttribute('[data-testid=drill]', 'data-id')).not.toBe(id);
      id = (await page.getAttribute('[data-testid=drill]', 'data-id')) ?? '';
      topics.push((await shownTopic()) ?? '');
      await blur();
      await page.keyboard.press('s');
    }
    const runs = topics.filter((topic, index) => index >= 2 && topic === topics[index - 1] && topic === topics[index - 2]);
    expect(runs).toEqual([]);
    expect(new Set(topics).size).toBeGreaterThan(3);
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('mock: Ctrl+Enter submits, a follow-up is asked and answered, the report shows answers, references and missed points', async () => {
    await page.goto(`${url}/#/practice/mock`);
    await page.selectOption('[data-testid=mock-count]', '3');
    expect(await page.isChecked('[data-testid=mock-follow-ups]')).toBe(true);
    await page.click('[data-testid=mock-start]');
    await page.waitForSelector('[data-testid=mock-question]');
    const first = (await page.textContent('[data-testid=mock-question]')) ?? '';
    await page.fill('[data-testid=mock-answer]', '我只记得它和缓存有关');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.textContent('[data-testid=mock-position]')).toMatch(/^1\/3 · .* · 追问$/);
    const followUp = (await page.textContent('[data-testid=mock-question]')) ?? '';
    expect(followUp).not.toBe(first);
    await shoot('mock-follow-up-zh');
    await page.fill('[data-testid=mock-answer]', '追问的回答:这一点我再补充一下');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.textContent('[data-testid=mock-position]')).toMatch(/^2\/3 · /);
    await page.click('[data-testid=mock-finish]');
    await page.waitForSelector('[data-testid=mock-report]');
    const rows = page.locator('[data-testid=mock-report-row]');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-kind')).toBe('main');
    expect(await rows.nth(1).getAttribute('data-kind')).toBe('follow-up');
    expect(await rows.nth(0).locator('[data-testid=mock-user-answer]').textContent()).toBe('我只记得它和缓存有关');
    expect(await rows.nth(1).locator('[data-testid=mock-user-answer]').textContent()).toBe('追问的回答:这一点我再补充一下');
    expect(await rows.nth(0).locator('ul.missed li').count()).toBeGreaterThan(0);
    await rows.nth(0).locator('[data-testid=mock-reference] summary').click();
    expect(((await rows.nth(0).locator('[data-testid=mock-reference] .markdown').textContent()) ?? '').length).toBeGreaterThan(40);
    await shoot('mock-report-zh');

    // The report has its own address, kept by a reload, and the history lists the mock.
    await page.click('[data-testid=mock-permalink]');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/practice\/history\/[\w-]+$/);
    await page.reload();
    await page.waitForSelector('[data-testid=mock-report-row]');
    expect(await page.locator('[data-testid=mock-report-row]').count()).toBe(2);
    await page.click('[data-testid=mock-history-back]');
    await page.waitForSelector('[data-testid=mock-history-row]');
    expect(await page.locator('[data-testid=mock-history-row]').count()).toBe(1);
    await page.goto(`${url}/#/progress`);
    await page.click('[data-testid=progress-mock-history]');
    await page.waitForSelector('[data-testid=mock-history-row]');
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('a past mock shows the wrong claims of an answer with their corrections', async () => {
    const response = await fetch(`${url}/api/mock/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        language: 'zh',
        minutes: 10,
        startedAt: new Date().toISOString(),
        entries: [{ id: 'sft-train-eval-mode', answer: 'model.eval() 会关闭梯度计算,所以不需要 torch.no_grad()。', durationMs: 30_000 }],
      }),
    });
    const { id } = (await response.json()) as { id: string };
    await page.goto(`${url}/#/practice/history/${id}`);
    await page.waitForSelector('[data-testid=mock-claims]');
    expect(await page.textContent('[data-testid=mock-claims]')).toMatch(/eval\(\) 会关闭梯度.*纠正: eval\(\) 只切换 training/);
    expect(session.errors).toEqual([]);
  }, 60_000);

  test('accessibility in zh and en, light and dark, desktop and phone: no serious axe findings, no sideways scrolling', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const { mocks } = await api<{ mocks: { id: string }[] }>('/api/mock/history');
    const screens: { route: string; act?: () => Promise<void> }[] = [
      { route: 'practice' },
      {
        route: 'practice/drill/kv-cache-why-faster',
        act: async () => {
          await page.fill('[data-testid=drill-answer]', 'cache K V');
          await page.click('[data-testid=drill-grade]');
          await page.waitForSelector('[data-testid=rate-again]');
        },
      },
      {
        route: 'practice/mock',
        act: async () => {
          await page.click('[data-testid=mock-start]');
          await page.waitForSelector('[data-testid=mock-question]');
        },
      },
      { route: 'practice/history' },
      { route: `practice/history/${mocks[0]?.id}` },
      { route: 'progress' },
    ];
    const found: string[] = [];
    for (const language of ['zh', 'en']) {
      for (const theme of ['light', 'dark']) {
        for (const viewport of [
          { width: 1280, height: 900 },
          { width: 390, height: 844 },
        ]) {
          await page.setViewportSize(viewport);
          await page.evaluate(
            ([lang, value]) => {
              localStorage.setItem('mianba.language', lang as string);
              localStorage.setItem('mianba.theme', value as string);
            },
            [language, theme],
          );
          for (const screen of screens) {
            await page.goto(`${url}/#/${screen.route}`);
            await page.reload();
            await page.waitForSelector('main.page section.practice, main.page [data-testid=progress]');
            await page.waitForLoadState('networkidle');
            await screen.act?.();
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            if (overflow > 0) found.push(`${screen.route} ${language} ${theme} ${viewport.width}px: ${overflow}px wider than the screen`);
            const name = `${screen.route.split('/').slice(0, 2).join('-')}-${language}-${theme}-${viewport.width}`;
            if (theme === 'dark' || viewport.width === 390) await shoot(name);
            if (viewport.width === 390) continue;
            if ((await page.evaluate(() => 'axe' in window)) === false) await page.evaluate(axeSource);
            const violations = await page.evaluate(async () => {
              const axe = (
                window as unknown as {
                  axe: {
                    run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
                  };
                }
              ).axe;
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
                .map((violation) => `${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
            });
            for (const violation of violations) found.push(`${screen.route} ${language} ${theme}: ${violation}`);
          }
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => localStorage.setItem('mianba.language', 'zh'));
    expect(found).toEqual([]);
    expect(session.errors).toEqual([]);
  }, 400_000);
});
