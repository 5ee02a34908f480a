import { describe, expect, it } from 'vitest';
import { intentAgreement, intentsOf } from './intent.js';

describe('question intent', () => {
  it('reads why / what / how / compare / quantity off the interrogatives of the first clause', () => {
    expect([...intentsOf('为什么 会 出现 大模型幻觉问题?')]).toEqual(['why']);
    expect([...intentsOf('什么是大模型幻觉?内在幻觉和外在幻觉有什么区别?')]).toEqual(['what']);
    expect([...intentsOf('如何缓解大模型幻觉?')]).toEqual(['how']);
    expect([...intentsOf('MQA 和 MHA 有什么区别?')]).toEqual(['compare']);
    expect([...intentsOf('7B 模型需要多少显存')]).toEqual(['quantity']);
    expect([...intentsOf('Why do LLMs hallucinate?')]).toEqual(['why']);
  });

  it('counts agreement only', () => {
    expect(intentAgreement(new Set(['why']), new Set(['why', 'compare']))).toBe(1);
    expect(intentAgreement(new Set(['why']), new Set(['what']))).toBe(0);
    expect(intentAgreement(new Set(), new Set(['what']))).toBe(0);
  });
});
