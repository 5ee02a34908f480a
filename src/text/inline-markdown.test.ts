import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNavigationLine } from '../ingest/clean.js';
import { applyInlineRules, plainInline, plainMarkdown } from './inline-markdown.js';

describe('inline Markdown to clean text', () => {
  it('removes emphasis and escaped markup, links become their text, images their alt text', () => {
    expect(plainInline('-   **Critic Model**\\*\\*：评论家模型\\*\\*，它的作用是\\*\\*预估总收益 \\*\\*$V_{t}$')).toBe(
      '-   Critic Model：评论家模型，它的作用是预估总收益 $V_{t}$',
    );
    expect(plainInline('见 [LoRA 论文](https://arxiv.org/abs/2106.09685 "LoRA") 和 ![Transformer 结构](x.png)')).toBe('见 LoRA 论文 和 Transformer 结构');
    expect(plainInline('![image.png](a.png)文本')).toBe('文本');
    expect(plainInline('*斜体* 和 __粗体__ 和 ~~删除~~')).toBe('斜体 和 粗体 和 删除');
  });

  it('keeps code spans, math and snake_case as they are', () => {
    expect(plainInline('`a*b*c` 与 $a*b*c$ 与 past_key_values')).toBe('`a*b*c` 与 $a*b*c$ 与 past_key_values');
  });

  it('leaves fenced code alone and removes blockquote markers', () => {
    expect(plainMarkdown('> **注意**:缓存\n```python\nx = a**2  # *not* emphasis\n```')).toBe('注意:缓存\n```python\nx = a**2  # *not* emphasis\n```');
  });
});

describe('navigation lines', () => {
  it('recognises tables of contents, sidebars, badges, image-only and reference-link lines', () => {
    for (const line of [
      '[1.大模型幻觉](/09.大语言模型评估/1.大模型幻觉/1.大模型幻觉.md "1.大模型幻觉")',
      '* [首页](/)',
      '  - [3.1 PagedAttention](/docs/07.推理/1.推理加速.md#pagedattention)',
      '[![stars](https://img.shields.io/badge/stars-1k-blue)](https://example.com/repo) ![license](https://img.shields.io/x)',
      '![架构图](images/arch.png)',
      '参考资料:[官方文档](https://example.com/docs)',
      '[1]: https://arxiv.org/abs/1706.03762',
      'https://github.com/vllm-project/vllm',
    ])
      expect(isNavigationLine(line), line).toBe(true);
  });

  it('keeps sentences that merely contain a link', () => {
    expect(isNavigationLine('vLLM 用 PagedAttention 管理 KV Cache,详见[论文](https://arxiv.org/abs/2309.06180)。')).toBe(false);
    expect(isNavigationLine('1. 数据:清洗错误语料。')).toBe(false);
  });
});

describe('plainInline skips only texts no rule changes', () => {
  const notes = ['notes-repo', 'eval-notes', 'ingest'].map((name) => join(import.meta.dirname, '..', '..', 'test', 'fixtures', name));
  const lines = notes.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(?:md|txt)$/.test(name))
      .flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n')),
  );

  it('gives what every rule gives on each line of the note fixtures', () => {
    expect(lines.length).toBeGreaterThan(400);
    expect(lines.filter((line) => plainInline(line) !== applyInlineRules(line))).toEqual([]);
  });

  it('gives what every rule gives on text mixing markup, Han and Latin characters', () => {
    const alphabet = [...'`$[]()!<>\\*_~\u0000\u00010123 abc注意力缓存#|/.-:\n'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, (line) => plainInline(line) === applyInlineRules(line)),
      { numRuns: 5000 },
    );
  });
});
