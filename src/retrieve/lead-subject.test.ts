import { describe, expect, it } from 'vitest';
import { readBankIndex } from '../bank/bank-data.js';
import { createTextTools } from '../text/text-tools.js';
import { leadAgreement, leadSubject, leadSubjects, narrowerLead } from './lead-subject.js';

const index = readBankIndex();
const { tokenize } = createTextTools(index.glossary, index.text);

describe('lead subject of a question', () => {
  it('skips the interrogative preamble and generic head nouns', () => {
    expect(leadSubject('举例描述一下 大语言模型的RLHF?', tokenize)).toBe('rlhf');
    expect(leadSubject('详细介绍一下 RLHF 的训练过程(SFT → RM → PPO)。', tokenize)).toBe('rlhf');
    expect(leadSubject('为什么 会 出现 大模型幻觉问题?', tokenize)).toBe('幻觉');
    expect(leadSubject('Why do LLMs hallucinate?', tokenize)).toBe('hallucinate');
    expect(leadSubject('What is the difference between LoRA and QLoRA?', tokenize)).toBe('lora');
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
    // Two Latin names in a row are one name; a comma or "和" ends the phrase that names the subject.
    expect(leadSubjects('为什么需要 Graph RAG?它的思路是什么?', tokenize, 2)).toEqual(['graph']);
    expect(leadSubjects('简单介绍一下 IA3,它和 LoRA 有什么区别?', tokenize, 2)).toEqual(['ia3']);
    expect(leadSubjects('Transformer 为什么需要位置编码?', tokenize, 2)).toEqual(['transformer', '位置编码']);
    expect(leadSubjects('介绍一下 vLLM 中的 PagedAttention:它解决了什么问题', tokenize, 2)).toEqual(['vllm', 'pagedattention']);
    expect(leadSubjects('FlashAttention-2 相比 FlashAttention 做了哪些改进', tokenize, 2)).toEqual(['flashattention2', '相比']);
    expect(leadSubject('分析与总结?', tokenize)).toBe('分析');
  });

  it('tells a sibling that leads with a compound extending the subject asked (qlora for lora)', () => {
    expect(narrowerLead('lora', 'qlora', 'QLoRA 的思路是什么?')).toBe(1);
    expect(narrowerLead('rag', 'ragfusion', '什么是 RAG-Fusion(多查询融合)?')).toBe(1);
    expect(narrowerLead('位置编码', '相对位置编码', '什么是相对位置编码?')).toBe(1);
    // Another word that happens to begin with the subject, the subject itself, or no subject: not narrower.
    expect(narrowerLead('rag', 'ragas', 'RAGAS 等 RAG 评估框架有哪些核心指标?')).toBe(0);
    expect(narrowerLead('lora', 'lora', 'LoRA 的思路是什么?')).toBe(0);
    expect(narrowerLead(undefined, 'qlora', 'QLoRA 的思路是什么?')).toBe(0);
  });
});
