import { describe, expect, it } from 'vitest';
import { readBankIndex } from '../bank/bank-data.js';
import { createTextTools } from '../text/text-tools.js';
import { leadAgreement, leadSubject, leadSubjects } from './lead-subject.js';

const index = readBankIndex();
const { tokenize } = createTextTools(index.glossary, index.text);

describe('lead subject of a question', () => {
  it('skips the interrogative preamble and generic head nouns', () => {
    expect(leadSubject('举例描述一下 大语言模型的RLHF?', tokenize)).toBe('rlhf');
    expect(leadSubject('详细介绍一下 RLHF 的训练过程(SFT → RM → PPO)。', tokenize)).toBe('rlhf');
    expect(leadSubject('为什么 会 出现 大模型幻觉问题?', tokenize)).toBe('幻觉');
    expect(leadSubject('Why do LLMs hallucinate?', tokenize)).toBe('hallucinate');
  });

  it('reads a Latin subject with its whole hyphenated name, so siblings do not agree', () => {
    expect(leadSubject('什么是 RAG?', tokenize)).toBe('rag');
    expect(leadSubject('什么是 RAG-Fusion(多查询融合)?', tokenize)).toBe('ragfusion');
    expect(leadSubject('LoRA 的思路是什么?', tokenize)).toBe('lora');
    expect(leadSubject('QLoRA 的思路是什么?相比 LoRA 做了哪些改进?', tokenize)).toBe('qlora');
  });

  it('agrees only on the same subject, never on an absent one', () => {
    expect(leadAgreement('lora', ['lora'])).toBe(1);
    expect(leadAgreement('lora', ['qlora', '思路'])).toBe(0);
    expect(leadAgreement(undefined, [])).toBe(0);
    expect(leadSubjects('详细说说 DeepSpeed ZeRO 的机制。', tokenize, 2)).toEqual(['deepspeed', 'zero']);
    expect(leadSubjects('FlashAttention-2 相比 FlashAttention 做了哪些改进', tokenize, 2)).toEqual(['flashattention2', '相比']);
    expect(leadSubject('分析与总结?', tokenize)).toBe('分析');
  });
});
