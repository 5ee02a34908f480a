// A bare "什么是 X?" / "What is X?" must be answered by the item about X itself, not by a sibling that mentions X more
// often (before: "什么是 RoPE?" cited the RoPE-base item, "What is RoPE?" ChatGLM's 2D RoPE). Floors on the hand-labelled
// definition set (test/fixtures/eval/definition-set.jsonl; scripts/definition-report.ts prints the misses).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { readDefinitionSet, scoreByHalf } from '../src/eval/definition-set.js';
import { textLanguage } from '../src/text/text-language.js';

const rows = readDefinitionSet(join(import.meta.dirname, 'fixtures', 'eval', 'definition-set.jsonl'));
let app: App;

beforeAll(async () => {
  app = createApp(await loadConfig({ env: { MIANBA_HOME: mkdtempSync(join(tmpdir(), 'mianba-definition-')) } }));
}, 120_000);
afterAll(() => app?.close());

describe('definition queries', () => {
  it.each([
    ['什么是 RoPE?', 'zh'],
    ['What is RoPE?', 'en'],
  ])('%s cites the RoPE principle item first, in the language of the question', async (question, language) => {
    const result = await app.ask({ question, kb: 'builtin', length: 'brief', useLlm: false });
    expect(result.refused).toBe(false);
    expect(result.citations[0]?.questionId).toBe('position-encoding-rope');
    expect(textLanguage(result.answer)).toBe(language);
  });

  it('the first hit is the defining item for most names, on both halves of the set', async () => {
    const halves = await scoreByHalf(rows, async (query) => (await app.search({ query, kb: 'builtin', top: 1 })).hits.map((hit) => hit.questionId));
    const share = (half: 'tuning' | 'held-out') => {
      const score = halves.get(half);
      return score ? score.first / score.total : 0;
    };
    const tuning = share('tuning');
    const heldOut = share('held-out');
    process.stdout.write(`definition set: first hit tuning ${tuning.toFixed(3)}, held-out ${heldOut.toFixed(3)}\n`);
    expect(rows.length).toBe(84);
    // Measured 1.000 and 0.857 when the definition feature was added (0.952 and 0.810 without it).
    expect(tuning).toBeGreaterThanOrEqual(0.97);
    expect(heldOut).toBeGreaterThanOrEqual(0.85);
  }, 120_000);
});
