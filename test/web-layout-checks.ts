// Layout gates shared by the conversation, viewer and settings browser tests: every theme × viewport (1280×900 and
// a 390×844 phone) of the current route with no sideways scrolling, zero serious/critical axe-core violations, and
// a screenshot of each in test-artifacts/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifacts } from './web-browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the current page. */
export async function axeViolations(page: Page): Promise<string[]> {
  if ((await page.evaluate(() => 'axe' in window)) === false) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  });
}

/** Every theme × viewport of the current route: axe on desktop, no sideways scrolling anywhere; screenshots. */
export async function checkLayouts(page: Page, name: string, ready: () => Promise<unknown>): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark']) {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await page.evaluate((value) => localStorage.setItem('mianba.theme', value), theme);
      await page.reload();
      await ready();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) found.push(`${name} ${theme} ${viewport.width}px: ${overflow}px wider than the screen`);
      await page.screenshot({ path: join(artifacts, `${name}-${theme}-${viewport.width}.png`) });
      for (const violation of await axeViolations(page)) found.push(`${name} ${theme} ${viewport.width}px: ${violation}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => localStorage.removeItem('mianba.theme'));
  return found;
}
