// Q&A extraction on notes in the shapes users paste in (code-host pages, numbered posts, chapter outlines, posts
// with reference lists, Markdown): which questions come out, with which answer, topic path and source lines, and
// that no page chrome or advert ends up in a unit. Fixtures are original notes under test/fixtures/ingest/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../core/types.js';
import { extractUnits } from './extract-qa.js';
import { parseDocument } from './parse-document.js';

const fixtureUrl = new URL('../../test/fixtures/ingest/', import.meta.url);

async function parseFixture(name: string): Promise<{ source: string[]; units: Unit[]; qa: Unit[] }> {
  const bytes = readFileSync(new URL(name, fixtureUrl));
  const document = await parseDocument(name, name.endsWith('.md') ? 'markdown' : 'text', bytes);
  return { source: bytes.toString('utf8').split('\n'), units: document.units, qa: document.units.filter((unit) => unit.kind === 'qa') };
}

/** 1-based number of the first source line that contains `needle`. */
function lineOf(source: string[], needle: string): number {
  const index = source.findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`fixture has no line with ${needle}`);
  return index + 1;
}

function byQuestion(units: Unit[], question: string): Unit {
  const unit = units.find((candidate) => candidate.question === question);
  if (!unit) throw new Error(`no unit for ${question}; got ${units.map((candidate) => candidate.question).join(' | ')}`);
  return unit;
}

function everyText(units: Unit[]): string {
  return units.map((unit) => [unit.question ?? '', unit.text, ...unit.topic].join('\n')).join('\n');
}

function expectOrderedRanges(units: Unit[]): void {
  for (const [index, unit] of units.entries()) {
    expect(unit.lineStart).toBeLessThanOrEqual(unit.lineEnd);
    const next = units[index + 1];
    if (next) expect(unit.lineEnd).toBeLessThan(next.lineStart);
  }
}

describe('a page scraped from a code host', () => {
  it('finds the numbered and bullet questions under their plain-text headings', async () => {
    const { qa } = await parseFixture('code-host-page.txt');
    expect(qa.map((unit) => unit.question)).toEqual([
      'KV cache 里缓存的到底是什么?',
      'KV cache 的显存怎么估算?',
      '投机解码为什么能加速?',
      '草稿模型猜错了怎么办?',
      '权重量化为什么比激活量化容易?',
      '各家推理框架是否都支持 FP8 的 KV cache?',
      '如何让量化后的模型保持长文本能力?',
    ]);
    expect(byQuestion(qa, 'KV cache 的显存怎么估算?').topic).toEqual(['大模型推理优化笔记', 'KV Cache 基础面']);
    expect(byQuestion(qa, '草稿模型猜错了怎么办?').topic).toEqual(['大模型推理优化笔记', 'KV Cache 基础面', '投机解码面']);
    expect(byQuestion(qa, '如何让量化后的模型保持长文本能力?').topic).toEqual(['大模型推理优化笔记', '量化面']);
  });

  it('keeps each full answer, bullets included, with the lines it spans', async () => {
    const { source, qa } = await parseFixture('code-host-page.txt');
    const first = byQuestion(qa, 'KV cache 里缓存的到底是什么?');
    expect(first.text).toBe('每一层注意力的 key 和 value 张量。解码新 token 时直接复用前文的 K、V,不必对整个前缀重新做一遍投影。');
    expect(first.lineStart).toBe(lineOf(source, 'KV cache 里缓存的到底是什么?'));
    expect(first.lineEnd).toBe(lineOf(source, '每一层注意力的 key'));
    const bullets = byQuestion(qa, '权重量化为什么比激活量化容易?');
    expect(bullets.text).toBe('• 权重是静态的,可以离线校准\n• 激活存在离群值,动态范围大,直接量化误差大');
    expect(bullets.lineEnd).toBe(lineOf(source, '激活存在离群值'));
    expect(byQuestion(qa, '如何让量化后的模型保持长文本能力?').text.split('\n')).toHaveLength(2);
    expectOrderedRanges(qa);
  });

  it('drops the code-host chrome around the notes', async () => {
    const { units } = await parseFixture('code-host-page.txt');
    const text = everyText(units);
    for (const chrome of ['Skip to content', 'Latest commit', 'History', 'loc)', 'KB', 'File metadata', 'notes.md']) expect(text).not.toContain(chrome);
  });
});

describe('a numbered Q&A post', () => {
  it('takes numbered lines as questions even without a question mark', async () => {
    const { qa } = await parseFixture('numbered-post.txt');
    expect(qa.map((unit) => unit.question)).toEqual([
      '什么是 PagedAttention',
      '常见的量化方法有哪些',
      '如何选择推理时的 batch size?',
      '首字延迟和每字延迟分别受什么影响',
      '推测解码和量化能一起用吗',
      '连续批处理和静态批处理对比',
      '什么是张量并行',
      'vLLM 的调度器做了哪些事?',
    ]);
  });

  it('joins a lone "-" with the bullet text on the next line and keeps the note after the bullets', async () => {
    const { source, qa } = await parseFixture('numbered-post.txt');
    const methods = byQuestion(qa, '常见的量化方法有哪些');
    expect(methods.text).toBe(
      '- 权重量化:GPTQ、AWQ 只量化权重,激活保持 FP16\n- 激活量化:SmoothQuant 把激活的离群值迁移到权重上\n- KV cache 量化:用 INT8 或 FP8 存储 K、V',
    );
    expect([methods.lineStart, methods.lineEnd]).toEqual([lineOf(source, '2. 常见的量化方法'), lineOf(source, 'KV cache 量化')]);
    expect(byQuestion(qa, '推测解码和量化能一起用吗').text).toBe(
      '可以一起用\n- 草稿模型可以是量化后的小模型\n- 目标模型量化后验证更快,但接受率可能下降\n(实践中先量化再调草稿长度,效果最好)',
    );
  });

  it('keeps a question with no answer, with empty text', async () => {
    const { source, qa } = await parseFixture('numbered-post.txt');
    const unanswered = byQuestion(qa, '连续批处理和静态批处理对比');
    expect(unanswered.text).toBe('');
    expect([unanswered.lineStart, unanswered.lineEnd]).toEqual([lineOf(source, '6. 连续批处理'), lineOf(source, '6. 连续批处理')]);
  });

  it('drops the promotional tail, from "如何学习AI大模型?" to the comment box', async () => {
    const { source, units, qa } = await parseFixture('numbered-post.txt');
    const text = everyText(units);
    for (const promo of ['如何学习', '礼包', '第一阶段', '学习路线图', '获取方式', '免费领取', '侵权', '转载请注明', '发表评论'])
      expect(text).not.toContain(promo);
    const last = byQuestion(qa, 'vLLM 的调度器做了哪些事?');
    expect(last.lineEnd).toBe(lineOf(source, '维护等待、运行、换出'));
    expect(Math.max(...units.map((unit) => unit.lineEnd))).toBeLessThan(lineOf(source, '如何学习AI大模型?'));
  });
});

describe('a chapter outline of questions without answers', () => {
  it('keeps every question, unanswered, under its chapter and nested topic path', async () => {
    const { qa } = await parseFixture('chapter-outline.txt');
    expect(qa.every((unit) => unit.text === '')).toBe(true);
    const topics = Object.fromEntries(qa.map((unit) => [unit.question, unit.topic]));
    expect(topics).toEqual({
      '为什么大模型推理时显存占用会越来越高?': ['大模型(LLMs)推理面'],
      '大模型在 GPU 和 CPU 上推理速度差多少?': ['大模型(LLMs)推理面'],
      '推理时 temperature 调高会怎样?': ['大模型(LLMs)推理面'],
      'RoPE 的计算公式写一下?': ['大模型(LLMs)推理面', '位置编码篇', '旋转位置编码篇'],
      'RoPE 为什么具有远程衰减?': ['大模型(LLMs)推理面', '位置编码篇', '旋转位置编码篇'],
      'ALiBi 的偏置是怎么加到注意力分数上的?': ['大模型(LLMs)推理面', '位置编码篇', 'ALiBi 篇'],
      '位置编码有哪些外推方法?': ['大模型(LLMs)推理面', '位置编码篇'],
      '全参数微调需要多少显存?': ['大模型(LLMs)微调面'],
      'LoRA 的 A、B 矩阵为什么一个随机初始化一个置零?': ['大模型(LLMs)微调面'],
      'QLoRA 相比 LoRA 多做了什么?': ['大模型(LLMs)微调面'],
      '奖励模型的损失函数怎么写?': ['大模型(LLMs)强化学习面', '奖励模型篇'],
      '奖励模型过拟合有什么表现?': ['大模型(LLMs)强化学习面', '奖励模型篇'],
      'DPO 为什么不需要显式的奖励模型?': ['大模型(LLMs)强化学习面', 'DPO 篇'],
    });
  });

  it('points each question at its own line', async () => {
    const { source, qa } = await parseFixture('chapter-outline.txt');
    for (const unit of qa) {
      expect(source[unit.lineStart - 1]).toContain(unit.question);
      expect(unit.lineEnd).toBe(unit.lineStart);
    }
  });

  it('drops "点击查看答案" links, group-chat adverts and ellipsis placeholders', async () => {
    const { units } = await parseFixture('chapter-outline.txt');
    const text = everyText(units);
    for (const chrome of ['点击查看答案', '小编', '交流群', 'wx', 'Skip to content', 'README.md', '...']) expect(text).not.toContain(chrome);
  });
});

describe('a numbered post with sub-steps and a reference list', () => {
  it('keeps "a." "b." "c." steps inside the answer instead of making them questions', async () => {
    const { source, qa } = await parseFixture('references-post.txt');
    expect(qa.map((unit) => unit.question)).toHaveLength(6);
    const complexity = byQuestion(qa, '自注意力的时间和空间复杂度是多少?');
    expect(complexity.text).toBe(
      [
        '时间复杂度:O(n^2*d)',
        'a. Q 乘 K 的转置,n×d 乘 d×n,计算量 O(n^2*d)',
        'b. 对每一行做 softmax,n 行共 O(n^2)',
        'c. 注意力矩阵乘 V,n×n 乘 n×d,计算量 O(n^2*d)',
        '空间复杂度:O(n^2) 用来存注意力矩阵。',
      ].join('\n'),
    );
    expect(complexity.lineEnd).toBe(lineOf(source, '空间复杂度:O(n^2)'));
  });

  it('keeps a code identifier line and its ":" continuation in one answer', async () => {
    const { qa } = await parseFixture('references-post.txt');
    expect(byQuestion(qa, 'PyTorch 里 optimizer.zero_grad() 的作用?').text).toBe('optimizer.zero_grad()\n:把上一步累积的梯度清零,否则新梯度会叠加到旧梯度上。');
  });

  it('drops the "参考链接:" list, leaving the last question unanswered', async () => {
    const { units, qa } = await parseFixture('references-post.txt');
    const text = everyText(units);
    for (const reference of ['参考链接', 'https://', 'example.org', '技术博客']) expect(text).not.toContain(reference);
    expect(byQuestion(qa, '标签平滑的公式?').text).toBe('');
  });
});

describe('Markdown notes with question headings', () => {
  it('keeps code fences, tables and $$ math inside the answer of the heading above them', async () => {
    const { source, units, qa } = await parseFixture('markdown-notes.md');
    expect(qa.map((unit) => unit.question)).toEqual(['什么是梯度检查点?', 'LoRA 的秩 r 怎么选?']);
    const checkpoint = byQuestion(qa, '什么是梯度检查点?');
    expect(checkpoint.text).toContain('```python\n# 这一行是代码注释,不是标题\n1. not a question?\ndef checkpointed(block, x):\n    return');
    expect(checkpoint.text.endsWith('代价大约是多一次前向的计算量。')).toBe(true);
    expect([checkpoint.lineStart, checkpoint.lineEnd]).toEqual([lineOf(source, '## 什么是梯度检查点?'), lineOf(source, '代价大约是')]);
    const rank = byQuestion(qa, 'LoRA 的秩 r 怎么选?');
    expect(rank.text).toContain('| 秩 r | 可训练参数 | 效果 |\n| --- | --- | --- |\n| 8 | 少 | 多数指令微调够用 |\n| 64 | 多 | 接近全参数微调 |');
    expect(rank.text).toContain('$$\nW = W_0 + \\frac{\\alpha}{r} B A\n$$');
    expect(units.some((unit) => unit.topic.includes('这一行是代码注释,不是标题'))).toBe(false);
  });

  it('chunks a heading without questions as prose under its topic path', async () => {
    const { units } = await parseFixture('markdown-notes.md');
    const prose = units.filter((unit) => unit.kind === 'prose');
    expect(prose).toHaveLength(1);
    expect(prose[0]?.topic).toEqual(['大模型训练笔记', '训练技巧']);
    expect(prose[0]?.text).toContain('BF16 的指数位和 FP32 一样多');
  });
});

describe('question shapes inside one document', () => {
  it('recognises "Q:" lines, full-width question marks and answered questions without a mark', () => {
    const { units } = extractUnits([
      '# 解码',
      '',
      'Q: 什么是 top-p 采样?',
      '从累计概率达到 p 的最小词集合里采样。',
      '',
      '## 温度为什么会影响多样性？',
      '温度越高分布越平。',
      '',
      '## 简述重复惩罚的原理',
      '对已生成词元的 logits 做缩放。',
    ]);
    expect(units.map((unit) => [unit.question, unit.text, unit.lineStart, unit.lineEnd])).toEqual([
      ['什么是 top-p 采样?', '从累计概率达到 p 的最小词集合里采样。', 3, 4],
      ['温度为什么会影响多样性？', '温度越高分布越平。', 6, 7],
      ['简述重复惩罚的原理', '对已生成词元的 logits 做缩放。', 9, 10],
    ]);
  });

  it('does not take a heading that only names a topic as a question', () => {
    const { units, prose } = extractUnits(['## 总结', '', '推理优化主要靠减少显存读写。']);
    expect(units).toEqual([]);
    expect(prose[0]?.topic).toEqual(['总结']);
  });
});

describe('full-width punctuation', () => {
  // Regression: character classes meant to hold "？", "）", "：" once held the ASCII character twice.
  it('treats full-width question marks, brackets and colons like their ASCII forms', () => {
    const { units } = extractUnits([
      '# 笔记',
      '',
      '## 位置编码的外推性\uFF1F',
      '',
      '指模型在更长序列上的表现。',
      '',
      '1\uFF09 为什么要用 RMSNorm\uFF1F',
      '更省计算。',
      '',
      'Q\uFF1A 什么是 GQA',
      '分组共享 KV。',
    ]);
    expect(units.map((unit) => unit.question)).toEqual(['位置编码的外推性\uFF1F', '为什么要用 RMSNorm\uFF1F', '什么是 GQA']);
    expect(units[1]?.text).toBe('更省计算。');
  });

  it('reads imperatives closed by a full stop, and questions that end with an instruction, as questions', () => {
    const { units } = extractUnits([
      '## 介绍一下 Prefix Tuning 的思路和优缺点。',
      '',
      '在输入前加一段可训练的前缀向量。',
      '',
      '## 什么是 LoRA?它的思路是什么?解释一下它的原理和计算流程。',
      '',
      '冻结原权重,只训练低秩矩阵 A 和 B。',
      '',
      '## 大模型为什么会产生幻觉?请从数据、训练和解码几个角度分析。',
      '',
      '数据里有错误,训练目标只看似然。',
      '',
      '## 校验:多次采样看是否一致。',
      '',
      '不一致就说明模型没把握。',
    ]);
    expect(units.map((unit) => unit.question)).toEqual([
      '介绍一下 Prefix Tuning 的思路和优缺点。',
      '什么是 LoRA?它的思路是什么?解释一下它的原理和计算流程。',
      '大模型为什么会产生幻觉?请从数据、训练和解码几个角度分析。',
    ]);
    expect(units[1]?.text).toBe('冻结原权重,只训练低秩矩阵 A 和 B。');
  });
});
