import { describe, expect, it } from 'vitest';
import type { Hit } from '../core/types.js';
import { createTextTools } from '../text/text-tools.js';
import { briefOf, cleanBlock, extractiveAnswer, isJunkLine, isNavigationList, keyPointBrief, passagesOf, splitSentences } from './extractive.js';

const { tokenize } = createTextTools([]);
const hit = (overrides: Partial<Hit>): Hit => ({
  rank: 1,
  score: 1,
  kb: 'notes',
  path: '/notes/a.md',
  line: 3,
  question: null,
  topic: [],
  text: '',
  unitId: 1,
  questionId: null,
  sources: [],
  ...overrides,
});

describe('extractive answers', () => {
  it('gives the opening of the reference answer of a matching question (more than a one-line set-up), cited', () => {
    const answer = extractiveAnswer({
      question: '什么是 KV cache',
      hits: [hit({ question: '什么是 KV Cache?', text: '缓存 K 和 V,避免重复计算。\n\n第二段。' })],
      evidence: 0.8,
      length: 'brief',
      language: 'zh',
      tokenize,
    });
    expect(answer.answer).toBe('缓存 K 和 V,避免重复计算。\n\n第二段。 [1]');
    expect(answer.citations).toMatchObject([{ n: 1, path: '/notes/a.md', line: 3 }]);
  });

  it('leaves out another hit whose sentence shares only words every question carries, or far fewer of the question words', () => {
    const hits = [
      hit({ text: '先看生成参数有没有被改,比如 temperature 和 repetition penalty。', line: 10 }),
      hit({ path: '/notes/b.md', line: 20, unitId: 2, text: "The output distribution is the large model's own." }),
      hit({ path: '/notes/c.md', line: 30, unitId: 3, text: '显存利用率高,参数还能在多个序列之间共享,生成的块可以复用。' }),
    ];
    const answer = extractiveAnswer({
      question: 'the large model starts repeating itself, check the generation parameters and repetition penalty first',
      hits,
      evidence: 0.3,
      length: 'brief',
      language: 'en',
      tokenize,
    });
    expect(answer.citations.map((citation) => citation.path)).toEqual(['/notes/a.md']);
    expect(answer.answer).not.toMatch(/distribution|显存/);
  });

  it('otherwise quotes the best sentences of the top passages in reading order, each cited, never inventing text', () => {
    const hits = [
      hit({ text: '无关的开头。KV cache 保存历史的 K 和 V。结尾。', line: 10 }),
      hit({ path: '/notes/b.md', line: 20, unitId: 2, text: '解码时复用 KV cache 可以减少计算。' }),
    ];
    const answer = extractiveAnswer({ question: 'KV cache 如何减少计算', hits, evidence: 0.3, length: 'brief', language: 'zh', tokenize });
    const lines = answer.answer.split('\n');
    expect(lines[0]).toBe('KV cache 保存历史的 K 和 V。 [1]');
    expect(lines[1]).toBe('解码时复用 KV cache 可以减少计算。 [2]');
    for (const line of lines) expect(hits.some((h) => h.text.includes(line.replace(/ \[\d\]$/, '')))).toBe(true);
  });

  it("never quotes a scraped page's navigation: lists of table-of-contents entries that merely name the query's words", () => {
    // Seed 002's shape: an English question over Chinese notes, where "zero" also names ZeRO in a page's section list.
    const hits = [
      hit({
        question: '什么是lora微调',
        text: '训练时只训练降维矩阵 A 与升维矩阵 B。用随机高斯分布初始化 A,用 0 矩阵初始化 B,保证训练开始时旁路为 0。',
        line: 68,
      }),
      hit({ path: '/notes/b.md', line: 878, unitId: 2, text: '• 1.1 数据并行 FSDP\n• 1.2 数据并行 DDP\n• 1.3 数据并行 ZeRO\n• 1.3.1 Model state' }),
      hit({ path: '/notes/c.md', line: 1266, unitId: 3, text: '• 四、什么是逐步Zero-shot' }),
    ];
    const answer = extractiveAnswer({ question: 'LoRA 初始化 B 为 zero', hits, evidence: 0.33, length: 'full', language: 'zh', tokenize });
    expect(answer.answer).toContain('用 0 矩阵初始化 B');
    expect(answer.answer).not.toMatch(/ZeRO|Zero-shot|数据并行/);
    expect(answer.citations.map((citation) => citation.path)).toEqual(['/notes/a.md']);
    expect(isNavigationList('• 1.1 数据并行 FSDP\n• 1.2 数据并行 DDP')).toBe(true);
    expect(isNavigationList('• 第三章 注意力')).toBe(true);
    expect(isNavigationList('    • 7 并行 transformer block')).toBe(true);
    // Lists that say something stay answer material.
    expect(isNavigationList('可以这样做:\n1. 清洗数据\n2. 检索增强')).toBe(false);
    expect(isNavigationList('- 数据并行:每张卡一份完整模型\n- 张量并行:切分矩阵')).toBe(false);
    expect(isNavigationList('KV cache 保存历史的 K 和 V。')).toBe(false);
    expect(isNavigationList('- 7 个头共享一组 K、V')).toBe(false);
    expect(isNavigationList('• 2 倍显存:优化器状态占大头')).toBe(false);
  });

  it('keeps brief answers to the first paragraph, cut at a sentence end', () => {
    expect(briefOf(`${'甲'.repeat(200)}。${'乙'.repeat(200)}。`, 300)).toBe(`${'甲'.repeat(200)}。`);
    expect(splitSentences('第一个句子。第二个句子!Third one? 短')).toEqual(['第一个句子。', '第二个句子!', 'Third one?']);
  });
});

describe('extractive answers users can trust', () => {
  const bankHit = hit({ kb: 'builtin', path: 'bank/chapters/29-kv-cache.yaml', question: 'KV Cache 为什么能加速解码?', questionId: 'kv', text: '长答案' });
  const item = {
    brief: { zh: '不用缓存时每步重算整个前缀的 K、V;用了以后只算新 token,结果完全一致。', en: 'Only the new token is computed; the result is exact.' },
    answer: { zh: '长答案', en: 'Long answer' },
    keyPoints: [],
  };

  it('answers a matching bank item with its written brief, in the question language', () => {
    const zh = extractiveAnswer({
      question: 'KV cache 为什么能加速推理',
      hits: [bankHit],
      evidence: 0.8,
      length: 'brief',
      language: 'zh',
      tokenize,
      bankItem: () => item,
    });
    expect(zh.answer).toBe(`${item.brief.zh} [1]`);
    const en = extractiveAnswer({
      question: 'why is the kv cache faster',
      hits: [bankHit],
      evidence: 0.8,
      length: 'brief',
      language: 'en',
      tokenize,
      bankItem: () => item,
    });
    expect(en.answer).toBe(`${item.brief.en} [1]`);
    const full = extractiveAnswer({
      question: 'KV cache 为什么能加速推理',
      hits: [bankHit],
      evidence: 0.8,
      length: 'full',
      language: 'zh',
      tokenize,
      bankItem: () => item,
    });
    expect(full.answer).toBe('长答案 [1]');
  });

  it('without a written brief, picks the sentences that cover the most key points, in reading order', () => {
    const brief = keyPointBrief(
      {
        answer: { zh: '先说背景。不用缓存会重复计算。用缓存后只算新 token。结果完全一致。', en: '' },
        keyPoints: [
          { zh: '只算新 token', en: '', aliases: ['新 token'] },
          { zh: '结果一致', en: '', aliases: ['完全一致'] },
        ],
      },
      'zh',
    );
    expect(brief).toBe('用缓存后只算新 token。结果完全一致。');
  });

  it('never answers with an unanswered outline question, and a note that stops at "以下方法:" yields to the bank', () => {
    const hits = [
      hit({ question: '如何缓解幻觉?', text: '', line: 1 }),
      hit({ question: '幻觉如何缓解?', text: '为了减轻幻觉,可以采取以下方法:', line: 5, unitId: 2 }),
      hit({ kb: 'builtin', path: 'bank/x.yaml', question: '如何缓解大模型幻觉?', questionId: 'h', text: '1. 数据清洗。\n2. 检索增强。', unitId: 3 }),
    ];
    const answer = extractiveAnswer({ question: '怎么缓解幻觉', hits, evidence: 0.9, hitEvidence: [0.9, 0.85, 0.8], length: 'full', language: 'zh', tokenize });
    expect(answer.citations[0]?.path).toBe('bank/x.yaml');
    expect(answer.answer).toMatch(/^1\. 数据清洗。\n2\. 检索增强。 \[1\]/);
    expect(answer.answer).toMatch(/另见: 幻觉如何缓解\? \[2\]/);
  });

  it('drops links, URLs, images and code comments from note answers unless code is asked for', () => {
    expect(cleanBlock('要点一。\n[链接](http://x)\n# 启动服务\n```bash\npython serve.py\n```\n要点二。', false)).toBe('要点一。\n要点二。');
    expect(cleanBlock('要点。\n```python\nx = 1\n```', true)).toBe('要点。\n```python\nx = 1\n```');
    expect(isJunkLine('--model qwen 指定模型')).toBe(true);
    expect(isJunkLine('![图](a.png)')).toBe(true);
    expect(isJunkLine('KV Cache 用显存换计算。')).toBe(false);
  });

  it('keeps a list whole with the line that introduces it', () => {
    expect(passagesOf('可以这样做:\n1. 清洗数据\n2. 检索增强\n结论一句。')).toEqual(['可以这样做:\n1. 清洗数据\n2. 检索增强', '结论一句。']);
    // A lead-in followed by lines that name their items keeps them (seed 001's "Zero包括3种方案,逐步递进:" then
    // "zero1:…"); without the lead-in such lines stay sentences of their own.
    expect(passagesOf('Zero包括3种方案,逐步递进:\nzero1:切分优化器状态\nzero2: 再切分梯度\n最后一句话。')).toEqual([
      'Zero包括3种方案,逐步递进:\nzero1:切分优化器状态\nzero2: 再切分梯度',
      '最后一句话。',
    ]);
    expect(passagesOf('zero1:切分优化器状态。\nzero2:再切分梯度。')).toEqual(['zero1:切分优化器状态。', 'zero2:再切分梯度。']);
  });

  it('says when an English question is answered from Chinese notes', () => {
    const note = hit({ question: 'LoRA 怎么初始化?', text: 'A 随机初始化,B 初始化为 0,训练开始时旁路输出为零。' });
    const answer = extractiveAnswer({ question: 'how is lora initialised', hits: [note], evidence: 0.8, length: 'brief', language: 'en', tokenize });
    expect(answer.answer.startsWith('(From your notes, which are in Chinese:)\n')).toBe(true);
  });
});
