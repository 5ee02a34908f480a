// Issue 14 (and issue 17 item 10) in a real headless Chromium: each test is named for the defect it would have
// caught — the calculators crash and their defaults, zh text; the renderer on hostile notes (3,000 nested \sqrt{,
// list tails, ** next to Chinese punctuation, long code blocks); the Bank showing all items, deep links, URL state,
// related questions and ranked search; internal codes and English shown in the zh UI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { artifacts, type BrowserSession, hasChromium, openBrowserSession } from './web-browser.js';

// 2,500 levels (the note had 3,000): deep enough to overflow KaTeX's stack, short enough (17,5k characters)
// to stay one unit, since ingest stores units over 20,000 characters in slices, which would cut the formula open.
const deepMath = `${'\\sqrt{'.repeat(2500)}x${'}'.repeat(2500)}`;
const hostileNote = [
  '# 渲染测试笔记',
  '',
  '## 嵌套根号会不会卡死页面?',
  '',
  `深层公式 $${deepMath}$ 之后还有正文。`,
  '',
  '## 列表后的段落放在哪里?',
  '',
  '- 第一点',
  '- 第二点',
  '列表之后的总结段落。',
  '',
  '## 加粗标记能否正常显示?',
  '',
  '**注意:**这里的粗体紧挨中文标点。',
  '',
  '## 超长代码块会不会撑破页面?',
  '',
  '```python',
  `x = "${'很长的一行代码'.repeat(80)}"`,
  '```',
  '',
].join('\n');

describe.skipIf(!hasChromium)('web pages in headless Chromium (issue 14)', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    url = session.server.url;
    const folder = mkdtempSync(join(tmpdir(), 'mianba-note-'));
    writeFileSync(join(folder, 'render-notes.md'), hostileNote);
    await session.home.app.ingest({ inputs: [join(folder, 'render-notes.md')], kb: 'notes', cwd: folder });
    rmSync(folder, { recursive: true, force: true });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const hashParam = (name: string) => page.evaluate((key) => new URLSearchParams(location.hash.split('?')[1] ?? '').get(key), name);
  /** The id of the note question whose text contains `words` (the note's questions, from the list API). */
  const noteQuestion = async (words: string) => {
    const list = (await (await fetch(`${url}/api/questions?kb=notes&view=summary`)).json()) as { questions: { id: string; question: string }[] };
    const found = list.questions.find((item) => item.question.includes(words));
    if (!found) throw new Error(`no note question with "${words}" in ${JSON.stringify(list.questions)}`);
    return found.id;
  };
  const openNote = async (words: string) => {
    await page.goto(`${url}/#/bank/${await noteQuestion(words)}`);
    await page.waitForSelector('[data-testid=question-body]');
  };

  const shoot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });

  test('calculators: every tab computes without a page error, defaults shown selected, terms and errors in Chinese', async () => {
    for (const tab of ['inference', 'training', 'compute']) {
      await page.goto(`${url}/#/calc/${tab}`);
      await page.waitForSelector('[data-testid=calc-form]');
      await page.click('[data-testid=calc-submit]');
      await page.waitForSelector('[data-testid=calc-result] tbody tr');
      expect(await page.locator('[data-testid=calc-result] td.label').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
      await shoot(`calc-${tab}-zh`);
    }
    await page.goto(`${url}/#/calc/training`);
    await page.waitForSelector('#calc-optimizer');
    expect(await page.inputValue('#calc-optimizer')).toBe('adamw');
    expect(await page.inputValue('#calc-precision')).toBe('mixed');
    expect(await page.inputValue('#calc-zero')).toBe('0');
    expect(await page.inputValue('#calc-method')).toBe('full');
    await page.click('[data-testid=calc-submit]');
    await page.waitForSelector('[data-testid=calc-result] tbody tr');
    const table = (await page.textContent('[data-testid=calc-result] table')) ?? '';
    expect(table).toContain('优化器状态');
    expect(table).not.toMatch(/optimizer states|gradients/);
    expect(session.errors).toEqual([]);
    await page.fill('#calc-seq', 'lots');
    await page.click('[data-testid=calc-submit]');
    await expect.poll(() => page.textContent('[data-testid=calc-error]')).toMatch(/序列长度 应为 token 数/);
    // The refused request is the only console error (Chromium logs every 4xx response).
    expect(session.errors).toEqual([expect.stringMatching(/status of 400/)]);
    session.errors.length = 0;
  }, 60_000);

  test('renderer: a note with 2,500 nested \\sqrt{ shows as source, lists end, ** bolds, long code scrolls in its box', async () => {
    await openNote('嵌套根号');
    await page.waitForSelector('[data-testid=question-body] .math-source');
    expect(await page.evaluate(() => 1 + 1)).toBe(2);

    await openNote('列表后的段落');
    await page.waitForSelector('[data-testid=question-body] ul');
    expect(await page.locator('[data-testid=question-body] li', { hasText: '总结段落' }).count()).toBe(0);
    expect(await page.locator('[data-testid=question-body] p', { hasText: '列表之后的总结段落' }).count()).toBe(1);

    // Ingest renders inline Markdown to clean text (issue 11), so the note's bold arrives as plain words: no raw **.
    await openNote('加粗标记');
    await expect.poll(() => page.textContent('[data-testid=question-body]')).toContain('注意:这里的粗体紧挨中文标点');
    expect(await page.textContent('[data-testid=question-body]')).not.toContain('**');

    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await openNote('超长代码块');
      await page.waitForSelector('[data-testid=question-body] pre');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await shoot(`bank-code-${viewport.width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${url}/#/ask`);
    await page.fill('[data-testid=ask-input]', '嵌套根号会不会卡死页面?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=done]', { timeout: 30_000 });
    expect(await page.evaluate(() => document.querySelectorAll('[data-testid=answer]').length)).toBeGreaterThan(0);
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('bank: every question reachable, deep links open, cards and topics update the URL, related links work', async () => {
    await page.goto(`${url}/#/bank`);
    await page.waitForSelector('[data-testid=question-card]');
    const total = Number((await page.textContent('[data-testid=bank-count]'))?.match(/(\d+)\s*题/)?.[1]);
    expect(total).toBeGreaterThanOrEqual(356);
    while ((await page.locator('[data-testid=bank-more]').count()) > 0) await page.click('[data-testid=bank-more]');
    expect(await page.locator('[data-testid=question-card]').count()).toBe(total);

    await page.goto(`${url}/#/bank/kv-cache-why-faster`);
    await page.waitForSelector('[data-testid=question-card][data-id=kv-cache-why-faster][open] [data-testid=question-body]');
    expect(await page.isVisible('[data-id=kv-cache-why-faster] summary')).toBe(true);

    await page.goto(`${url}/#/bank`);
    await page.click('[data-testid=question-card] summary >> nth=2');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/bank\/[\w.-]+$/);
    await page.click('[data-testid=topic-tree] .tree-item >> nth=0');
    await expect.poll(() => hashParam('topic')).toMatch(/^builtin > /);

    await page.goto(`${url}/#/bank/basics-architecture-types`);
    await page.waitForSelector('[data-testid=related] a');
    const target = await page.getAttribute('[data-testid=related] a >> nth=0', 'href');
    await page.click('[data-testid=related] a >> nth=0');
    await page.waitForSelector(`[data-testid=question-card][data-id="${target?.split('/').pop()}"][open]`);
    expect(session.errors).toEqual([]);
  }, 60_000);

  test('bank search goes through the hybrid search: ranked, highlighted, mixed zh/en queries find questions', async () => {
    for (const query of ['RoPE 外推', 'LoRA 初始化', 'flash attention', 'rope extrapolate']) {
      await page.goto(`${url}/#/bank?q=${encodeURIComponent(query)}`);
      await page.waitForSelector('[data-testid=question-card] mark', { timeout: 20_000 });
      await expect.poll(() => page.textContent('[data-testid=bank-count]'), { timeout: 20_000 }).toMatch(/按相关度排序/);
      expect(await page.locator('[data-testid=question-card]').count()).toBeGreaterThan(0);
    }
    await page.goto(`${url}/#/bank`);
    await page.fill('[data-testid=bank-search]', 'kv cache');
    await expect.poll(() => hashParam('q')).toBe('kv cache');
    await shoot('bank-search-zh');
    expect(session.errors).toEqual([]);
  }, 90_000);

  /**
   * Ask opens the conversation last shown (kept in localStorage) once it has loaded from the server: forget it and load
   * the page afresh, so that a test starts in a new, empty conversation whatever the earlier tests asked.
   */
  const freshConversation = async () => {
    await page.goto(`${url}/#/calc`);
    await page.evaluate(() => localStorage.removeItem('mianba.ask.thread'));
    await page.goto('about:blank');
    await page.goto(`${url}/#/ask`);
  };

  test('ask: the conversation survives a reload, the citation panel never covers the composer, bank citations open the item', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await freshConversation();
    await expect.poll(() => page.textContent('[data-testid=conversation]')).toMatch(/到「题库」挑一道题/);
    await page.fill('[data-testid=ask-input]', 'KV cache 为什么能加速推理?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=done]', { timeout: 30_000 });
    await page.reload();
    await page.waitForSelector('[data-testid=answer][data-status=done]');
    expect(await page.textContent('[data-testid=turn] .bubble.question')).toBe('KV cache 为什么能加速推理?');
    await page.click('[data-testid=answer-text] button.cite >> nth=0');
    await page.waitForSelector('[data-testid=citation-panel]');
    // The composer and Send stay on top and clickable; the panel's header is on screen above the composer.
    const onTop = await page.evaluate(() => {
      const topmost = (selector: string) => {
        const box = document.querySelector(selector)?.getBoundingClientRect();
        return box ? document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest(selector) !== null : false;
      };
      const panel = document.querySelector('[data-testid=citation-panel]')?.getBoundingClientRect();
      const composer = document.querySelector('form.composer')?.getBoundingClientRect();
      return {
        input: topmost('[data-testid=ask-input]'),
        send: topmost('form.composer button'),
        header: !!panel && !!composer && panel.top >= 0 && panel.top < composer.top,
      };
    });
    expect(onTop).toEqual({ input: true, send: true, header: true });
    await shoot('ask-citation-390');
    await page.click('[data-testid=citation-bank-link]');
    await page.waitForSelector('[data-testid=question-card][open] [data-testid=question-body]');
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/bank\/[\w.-]+$/);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('ask: a refusal offers the nearest questions as buttons that ask them', async () => {
    await freshConversation();
    await page.waitForSelector('[data-testid=ask-input]');
    await page.fill('[data-testid=ask-input]', '周末去哪里钓鱼比较好?');
    await page.click('[data-testid=ask-send]');
    await page.waitForSelector('[data-testid=answer][data-status=done]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=suggestions] button');
    const suggestion = (await page.textContent('[data-testid=suggestions] button >> nth=0')) ?? '';
    await page.click('[data-testid=suggestions] button >> nth=0');
    await expect.poll(() => page.locator('[data-testid=turn]').count()).toBe(2);
    expect(await page.textContent('[data-testid=turn] >> nth=1 >> .bubble.question')).toBe(suggestion);
    await page.waitForSelector('[data-testid=turn] >> nth=1 >> [data-testid=answer][data-status=done]', { timeout: 30_000 });
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('no internal codes or English in the zh UI: drill meta, hint, grade flags, upload outcome, streak; KB names', async () => {
    await page.goto(`${url}/#/practice`);
    await page.click('[data-testid=drill-start]');
    await page.waitForSelector('[data-testid=drill-question]');
    const meta = (await page.textContent('[data-testid=drill] p.muted')) ?? '';
    expect(meta).not.toMatch(/\bnew\b|learning|review|[a-z]+-[a-z]+-[a-z]+/);
    expect(meta).toContain('新题');
    expect(await page.locator('[data-testid=drill] button', { hasText: /^Hint$/ }).count()).toBe(0);
    await page.fill('[data-testid=drill-answer]', '今天天气很好,我们去公园散步,然后吃了一碗面。');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid=grade]');
    const flags = (await page.locator('[data-testid=grade-flags]').allTextContents()).join(' ');
    expect(flags).not.toMatch(/off_topic|empty|copied/);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('1');
    await page.waitForSelector('[data-testid=recorded]');
    await page.goto(`${url}/#/progress`);
    await page.waitForSelector('[data-testid=chart-reviews]');
    const streak = (await page.locator('[data-testid=progress] .stat').nth(3).textContent()) ?? '';
    expect(streak).not.toMatch(/\d+ \(\d+\)/);
    expect(streak).toMatch(/最长 \d+ 天/);
    await shoot('progress-zh');

    await page.goto(`${url}/#/kbs`);
    await page.fill('[data-testid=kb-name]', '我的笔记');
    await expect.poll(() => page.textContent('[data-testid=kb-name-error]')).toMatch(/英文字母、数字/);
    await page.fill('[data-testid=kb-name]', 'fresh-notes');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=upload-input]', { state: 'attached' });
    const folder = mkdtempSync(join(tmpdir(), 'mianba-upload-'));
    writeFileSync(join(folder, 'a.md'), '# 笔记\n\n## 什么是测试用的问题?\n\n这是一个测试答案,内容足够长,可以被导入。\n');
    await page.setInputFiles('[data-testid=upload-input]', join(folder, 'a.md'));
    await page.waitForSelector('[data-testid=upload-reports] .outcome-added', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=upload-reports] .outcome-added strong')).toBe('已添加');
    writeFileSync(join(folder, 'package.json'), '{"name": "x"}');
    await page.setInputFiles('[data-testid=upload-input]', join(folder, 'package.json'));
    await expect.poll(() => page.textContent('[data-testid=upload-reports]')).toMatch(/已跳过 package\.json · 不支持的格式/);
    rmSync(folder, { recursive: true, force: true });
    expect(session.errors).toEqual([]);
  }, 90_000);

  test('accessibility: no serious or critical axe-core violations on any page in either theme; no sideways scrolling on a phone', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const pages = [
      'ask',
      'bank',
      'bank/kv-cache-why-faster',
      'practice',
      'practice/mock',
      'progress',
      'kbs',
      'kbs/notes',
      'calc',
      'calc/training',
      'calc/compute',
    ];
    const found: string[] = [];
    await page.goto(`${url}/#/ask`);
    for (const theme of ['light', 'dark']) {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(viewport);
        await page.evaluate((value) => localStorage.setItem('mianba.theme', value), theme);
        for (const route of pages) {
          await page.goto(`${url}/#/${route}`);
          await page.reload();
          await page.waitForSelector('main.page');
          await page.waitForLoadState('networkidle');
          if (route === 'calc' || route === 'calc/training') {
            await page.click('[data-testid=calc-submit]');
            await page.waitForSelector('[data-testid=calc-result]');
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) found.push(`${route} ${theme} ${viewport.width}px: ${overflow}px wider than the screen`);
          if (viewport.width === 390) {
            await shoot(`phone-${route.replace(/\//g, '-')}-${theme}`);
            continue;
          }
          // evaluate, not a <script> tag: the page's Content-Security-Policy rightly refuses inline scripts.
          if ((await page.evaluate(() => 'axe' in window)) === false) await page.evaluate(axeSource);
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
              }
            ).axe;
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations
              .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
              .map(
                (violation) =>
                  `${violation.id} ${violation.nodes
                    .slice(0, 3)
                    .map((node) => node.target.join(' '))
                    .join(' | ')}`,
              );
          });
          for (const violation of violations) found.push(`${route} ${theme}: ${violation}`);
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(found).toEqual([]);
  }, 300_000);
});
