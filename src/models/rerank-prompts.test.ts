// Snapshot of the LLM-rerank prompt: its wording and delimiting change only on purpose.
import { expect, it } from 'vitest';
import { rerankMessages } from './rerank-prompts.js';

it('rerank prompt', () => {
  expect(
    rerankMessages('什么是 GQA', [
      { n: 1, title: '什么是 GQA?', text: 'GQA 让多个查询头共享一组 K/V 头。' },
      { n: 2, title: null, text: 'MQA 只有一组 K/V。' },
    ]),
  ).toMatchSnapshot();
});
