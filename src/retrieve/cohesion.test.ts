import { describe, expect, it } from 'vitest';
import { bodyCohesion, UNJUDGED_COHESION } from './cohesion.js';

const generic = new Set(['模型']);

describe('body cohesion', () => {
  it('is 1 when every sentence shares a content word with another', () => {
    const text = 'KV cache 保存历史 token 的 K 和 V。解码时复用 KV cache。每步只为新 token 计算。';
    expect(bodyCohesion(text, ['kv', 'cache', 'token', '保存', '解码', '复用', '计算'], generic)).toBe(1);
  });

  it('is 0 for sentences about unrelated things', () => {
    const text = 'LoRA 的 B 矩阵初始化为零。混合精度训练用 FP16 计算。RAG 先检索再生成答案。';
    expect(bodyCohesion(text, ['lora', '矩阵', '初始化', '混合精度', 'fp16', '计算', 'rag', '检索', '生成'], generic)).toBe(0);
  });

  it('counts the share of linked sentences, ignoring generic words, digits and single characters', () => {
    const text = '模型 123 的 a 很大。模型 123 的 a 很小。注意力复杂度是平方。注意力可以稀疏化。';
    expect(bodyCohesion(text, ['模型', '123', 'a', '注意力', '复杂度', '稀疏化'], generic)).toBe(0.5);
  });

  it('does not judge a body of one sentence', () => {
    expect(bodyCohesion('只有一句话的回答。', ['回答'], generic)).toBe(UNJUDGED_COHESION);
    expect(bodyCohesion('', [], generic)).toBe(UNJUDGED_COHESION);
  });
});
