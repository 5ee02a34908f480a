// Prose chunking as retrieval sees it: chunks of a size that suits Chinese, code, tables and math never cut in
// half, topics and line ranges carried along, and every line of the prose in some chunk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../core/types.js';
import { chunkSections, defaultChunkOptions } from './chunk.js';
import { extractUnits } from './extract-qa.js';

function chunk(lines: string[]): Unit[] {
  const { units, prose } = extractUnits(lines);
  expect(units).toEqual([]);
  return chunkSections(prose);
}

/** A paragraph of `sentences` Chinese sentences of about 40 characters each, one line. */
function paragraph(seed: number, sentences: number): string {
  return Array.from({ length: sentences }, (_, index) => `第${seed}段第${index + 1}句讲的是混合精度训练里主权重保留单精度而前向反向使用半精度的做法。`).join(
    '',
  );
}

describe('small prose', () => {
  it('stays one chunk with its topic path and source lines', () => {
    const units = chunk(['# 训练技巧', '', '## 混合精度', '', '前向和反向用半精度。', '主权重保留单精度。', '', 'BF16 一般不需要损失缩放。']);
    expect(units).toEqual([
      {
        kind: 'prose',
        question: undefined,
        text: '前向和反向用半精度。\n主权重保留单精度。\n\nBF16 一般不需要损失缩放。',
        topic: ['训练技巧', '混合精度'],
        lineStart: 5,
        lineEnd: 8,
      },
    ]);
  });
});

describe('long prose', () => {
  it('packs paragraphs into chunks of at most about 800 characters', () => {
    const lines = Array.from({ length: 20 }, (_, index) => [paragraph(index, 4), '']).flat();
    const units = chunk(lines);
    expect(units.length).toBeGreaterThanOrEqual(Math.ceil(lines.join('').length / defaultChunkOptions.maxChars));
    for (const unit of units) expect(unit.text.length).toBeLessThanOrEqual(defaultChunkOptions.maxChars);
    for (const unit of units.slice(0, -1)) expect(unit.text.length).toBeGreaterThanOrEqual(defaultChunkOptions.minChars);
  });

  it('splits one overlong paragraph at sentence ends, never mid-sentence', () => {
    const long = paragraph(1, 60);
    const units = chunk([long]);
    expect(units.length).toBeGreaterThan(1);
    for (const unit of units) {
      expect(unit.text.length).toBeLessThanOrEqual(defaultChunkOptions.maxChars);
      expect(unit.text.endsWith('。')).toBe(true);
      expect([unit.lineStart, unit.lineEnd]).toEqual([1, 1]);
    }
    expect(units.map((unit) => unit.text).join('')).toBe(long);
  });

  it('repeats a short last paragraph at the start of the next chunk as overlap', () => {
    const lines = Array.from({ length: 10 }, (_, index) => [paragraph(index, 5), '', `第${index}段小结。`, '']).flat();
    const units = chunk(lines);
    expect(units.length).toBeGreaterThan(2);
    let overlaps = 0;
    for (const [index, unit] of units.slice(1).entries()) {
      const previousLast = units[index]?.text.split('\n\n').at(-1) ?? '';
      if (previousLast.length > defaultChunkOptions.overlapChars) continue;
      expect(unit.text.startsWith(previousLast)).toBe(true);
      overlaps++;
    }
    expect(overlaps).toBeGreaterThan(0);
  });
});

describe('atomic blocks', () => {
  const longCode = ['```python', ...Array.from({ length: 60 }, (_, index) => `x${index} = attention(q, k, v)  # step ${index}`), '```'];
  const table = [
    '| 方法 | 显存 | 速度 |',
    '| --- | --- | --- |',
    ...Array.from({ length: 40 }, (_, index) => `| 方案${index} | ${index} GB | ${index * 3} tok/s |`),
  ];
  const math = ['$$', ...Array.from({ length: 30 }, (_, index) => `a_{${index}} = \\mathrm{softmax}(q k_{${index}}^T / \\sqrt{d}) \\\\`), '$$'];

  it.each([
    ['a code fence', longCode],
    ['a table', table],
    ['a $$ math block', math],
  ])('keeps %s longer than the chunk size whole in one chunk', (_name, block) => {
    const lines = [paragraph(1, 8), '', ...block, '', paragraph(2, 8)];
    const units = chunk(lines);
    const holder = units.filter((unit) => unit.text.includes(block[0] as string));
    expect(holder).toHaveLength(1);
    expect(holder[0]?.text).toContain(block.join('\n'));
    expect(block.join('\n').length).toBeGreaterThan(defaultChunkOptions.maxChars);
  });

  it('keeps "# comment" and "1. item?" lines inside a fence as code, not structure', () => {
    const units = chunk(['```bash', '# 安装依赖', '1. is this a question?', 'pip install vllm', '```']);
    expect(units).toHaveLength(1);
    expect(units[0]?.text).toBe('```bash\n# 安装依赖\n1. is this a question?\npip install vllm\n```');
    expect(units[0]?.topic).toEqual([]);
  });
});

const word = fc.constantFrom('注意力', '缓存', '显存', '量化', '梯度', '模型', 'kv', 'cache', 'lora', 'token', '的', '和', '在', '每一层', 'FP16');
const proseLine = fc.array(word, { minLength: 3, maxLength: 40 }).map((words) => `${words.join('')}${words.length % 2 === 0 ? '。' : ''}`);
const block = fc.oneof(
  { weight: 6, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 8 }).map((lines) => ['```text', ...lines.map((line) => `  ${line}`), '```']) },
  { weight: 1, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 6 }).map((lines) => lines.map((line) => `| ${line} | 1 |`)) },
);
const proseDocument = fc.array(block, { minLength: 1, maxLength: 25 }).map((blocks) => blocks.flatMap((lines) => [...lines, '']));

describe('chunking properties', () => {
  it('covers the document: every non-blank line appears in some chunk', () => {
    fc.assert(
      fc.property(proseDocument, (lines) => {
        const texts = chunk(lines).map((unit) => unit.text);
        for (const line of lines) if (line.trim()) expect(texts.some((text) => text.includes(line.trim()))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps chunks in document order with ranges inside the document', () => {
    fc.assert(
      fc.property(proseDocument, (lines) => {
        const units = chunk(lines);
        for (const [index, unit] of units.entries()) {
          expect(unit.lineStart).toBeGreaterThanOrEqual(1);
          expect(unit.lineEnd).toBeLessThanOrEqual(lines.length);
          expect(unit.lineStart).toBeLessThanOrEqual(unit.lineEnd);
          expect(unit.lineStart).toBeGreaterThanOrEqual(units[index - 1]?.lineStart ?? 1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('bounds chunks without code, tables or math to the size plus one short merged paragraph', () => {
    const bound = defaultChunkOptions.maxChars + defaultChunkOptions.minChars;
    fc.assert(
      fc.property(proseDocument, (lines) => {
        for (const unit of chunk(lines)) if (!unit.text.includes('```') && !unit.text.includes('|')) expect(unit.text.length).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 150 },
    );
  });
});
