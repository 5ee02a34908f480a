import { describe, expect, it } from 'vitest';
import { readBankIndex } from '../bank/bank-data.js';
import { createTextTools } from '../text/text-tools.js';
import { namedSubjects, unnamedSubjects } from './named-subjects.js';
import { refusalText } from './refusal.js';

const index = readBankIndex();
const vocabulary = { glossary: createTextTools(index.glossary, index.text).glossary };
const names = (question: string) => namedSubjects(question, vocabulary).map((subject) => subject.name);

describe('the names a question is about', () => {
  it('reads acronyms, mixed-case names and the proper names the glossary writes capitalised', () => {
    expect(names('What is the difference between DPO and PPO?')).toEqual(['dpo', 'ppo']);
    expect(names('why is the B matrix of LoRA initialised to zero in vLLM and ZeRO')).toEqual(['lora', 'vllm', 'zero']);
    expect(names('why did the project pick Qwen instead of LLaMA')).toEqual(['qwen', 'llama']);
  });

  it('leaves out ordinary words however they are written, generic names and lower-case typos', () => {
    expect(names('What did Stanford use? Tokenizer ARCHITECTURE')).toEqual([]);
    expect(names('how do LLMs use RAG with an API')).toEqual([]);
    expect(names('rmsnrom 和 layernorm 有啥区别')).toEqual([]);
  });
});

describe('whether the passages name them', () => {
  it('accepts the other forms of a glossary term and separators inside a name', () => {
    expect(unnamedSubjects('GQA 省了什么?', ['分组查询注意力让几个查询头共用一组 K、V。'], vocabulary)).toEqual([]);
    expect(unnamedSubjects('Why is KV cache fast?', ['用 kv-cache 时只算新 token'], vocabulary)).toEqual([]);
  });

  it('reports each name no passage mentions, a Latin name only as a whole word', () => {
    const missing = unnamedSubjects('What is the difference between DPO and PPO?', ['强化学习:使用 PPO 等方法优化策略。'], vocabulary);
    expect(missing.map((subject) => subject.name)).toEqual(['dpo']);
    expect(unnamedSubjects('what is LoRA', ['QLoRA 把基座量化到 4 bit'], vocabulary).map((subject) => subject.name)).toEqual(['lora']);
  });
});

describe('the refusal says which name is missing, in the language of the question', () => {
  it('zh and en', () => {
    expect(refusalText('zh', [], ['GRPO'])).toBe('知识库里没有足够的依据回答这个问题。找到的段落都没有讲到 GRPO。');
    expect(refusalText('en', [], ['DPO', 'Qwen'])).toBe(
      'The knowledge base does not cover this question well enough to answer it. None of the passages found mentions DPO or Qwen.',
    );
  });
});
