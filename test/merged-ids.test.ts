// Bank items merged into another keep their old ids (aliasIds): `show` and `grade` with an old id reach the item that
// absorbed it, so practice history recorded under the old id still finds its question.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, runCliJson } from './support/run-cli.js';

const place = { home: mkdtempSync(join(tmpdir(), 'mianba-merged-')), cwd: tmpdir() };
beforeAll(() => assertBuilt());

describe('merged bank items', () => {
  it('show resolves a former id to the surviving item', () => {
    const run = runCli(['show', 'inference-speculative-decoding'], place);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('acceleration-speculative-decoding');
  });

  it('grade accepts a former id', () => {
    const run = runCliJson<{ id: string; score: number }>(
      ['grade', 'basics-domain-models', '--answer', '领域模型要先做继续预训练再做指令微调', '--json'],
      place,
    );
    expect(run.code).toBe(0);
    expect(run.json.id).toBe('sft-domain-model');
  });
});
