// What cleaning removes from scraped notes and what it must leave alone: chrome, adverts, promotional tails and
// reference lists go; line numbers of the kept text stay those of the source file; real notes are never cut.
import { describe, expect, it } from 'vitest';
import { cleanLines } from './clean.js';

const kept = (lines: string[]) => cleanLines(lines).filter((line) => line.trim() !== '');

describe('line numbers', () => {
  it('blanks removed lines instead of deleting them, so kept lines keep their source line', () => {
    const lines = ['Skip to content', '', '1. 什么是 KV cache?', '点击查看答案', '缓存键和值。'];
    const cleaned = cleanLines(lines);
    expect(cleaned).toHaveLength(lines.length);
    expect(cleaned).toEqual(['', '', '1. 什么是 KV cache?', '', '缓存键和值。']);
  });
});

describe('code-host and page chrome', () => {
  it('drops navigation, file metadata, size lines and lone file names', () => {
    const chrome = [
      'Skip to content',
      'Latest commit',
      'History',
      'File metadata and controls',
      '1431 lines (1065 loc) · 55 KB',
      '56 lines (40 loc) · 3.83 KB',
      'README.md',
      'interview-notes.md',
      'Raw',
      'Blame',
      '点击查看答案',
      '  • 点击查看答案',
      '展开阅读全文',
      '...',
      '…',
    ];
    expect(kept(chrome)).toEqual([]);
  });

  it('drops group-chat, QR-code and follow-us adverts wherever they are', () => {
    const adverts = ['> 面试交流群 (注:人满 可 添加 小编wx:abc123 加群!)', '扫码关注公众号获取更多资料', '加入微信群一起讨论'];
    expect(kept(['什么是 RoPE?', ...adverts, '旋转位置编码。'])).toEqual(['什么是 RoPE?', '旋转位置编码。']);
  });

  it('keeps lines that only mention similar words inside real content', () => {
    const notes = ['History of attention: from Bahdanau to Transformer.', '代码(code)见附录。', 'raw logits 先除以温度。', 'top-k 采样只保留前 k 个词。'];
    expect(kept(notes)).toEqual(notes);
  });
});

describe('promotional tails', () => {
  const body = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? `${index / 2 + 1}. 第${index / 2 + 1}个问题?` : '答案。'));

  it('cuts from the "如何学习AI大模型" lead to the end when promo markers follow', () => {
    const tail = ['如何学习AI大模型?', '我整理了很多资料。', '第一阶段:入门', '获取方式:', '保存图片扫码免费领取', '转载请注明出处', '发表评论 取消回复'];
    const cleaned = cleanLines([...body, ...tail]);
    expect(cleaned.slice(0, body.length)).toEqual(body);
    expect(cleaned.slice(body.length).every((line) => line === '')).toBe(true);
  });

  it('never cuts a lead that appears in the first part of the file', () => {
    const lines = ['如何学习大模型?', '先学 Transformer,再学训练和推理。', ...body, '扫码领取'];
    expect(kept(lines).slice(0, 2)).toEqual(['如何学习大模型?', '先学 Transformer,再学训练和推理。']);
  });

  it('keeps a question that starts like a lead when no advert follows in the next 80 lines', () => {
    const lines = [...body, '如何学习大模型的分布式训练?', '先理解数据并行,再看张量并行和流水线并行。', ...body, ...body, ...body, ...body, ...body];
    expect(kept(lines)).toContain('如何学习大模型的分布式训练?');
  });

  it('keeps a real "如何学习大模型…?" question near the end of a short note', () => {
    const lines = ['什么是 LoRA?', '低秩旁路。', '', '如何学习大模型微调最快?', '先跑通一个 LoRA 示例。', '', '什么是 DoRA?', '分解幅度和方向。'];
    expect(kept(lines)).toEqual(lines.filter((line) => line !== ''));
  });
});

describe('reference lists', () => {
  it('drops "参考链接:" with its numbered URLs and article titles', () => {
    const lines = [
      '1. 什么是困惑度?',
      '交叉熵的指数。',
      '参考链接:',
      '1. https://example.com/perplexity',
      '2.困惑度详解-技术博客',
      '- https://example.org/a',
      '',
    ];
    expect(kept(lines)).toEqual(['1. 什么是困惑度?', '交叉熵的指数。']);
  });

  it('stops at the first line that is not a reference, keeping the notes after it', () => {
    const lines = ['References:', '[1] Vaswani et al. Attention Is All You Need. https://arxiv.org/abs/1706.03762', '', '## 下一节:位置编码', '正弦位置编码。'];
    expect(kept(lines)).toEqual(['## 下一节:位置编码', '正弦位置编码。']);
  });

  it('keeps a line that only starts with "参考" inside an answer', () => {
    const lines = ['参考 GPT-3 的设置,学习率取 6e-4。'];
    expect(kept(lines)).toEqual(lines);
  });
});

describe('promotional sentences inside long lines', () => {
  it('removes only the promotional sentence of a long one-line note, never the note', () => {
    const body = 'KV Cache 是自回归解码中用显存换计算的方法,它缓存历史 token 的 K 和 V,每步只为新 token 计算。'.repeat(40);
    const [line] = cleanLines([`欢迎阅读本篇笔记,如果对你有用麻烦点一下关注公众号。${body}`]);
    expect(line).toBe(body);
  });

  it('still drops a short promotional line whole', () => {
    expect(cleanLines(['扫码关注公众号,免费领取资料'])).toEqual(['']);
  });
});
