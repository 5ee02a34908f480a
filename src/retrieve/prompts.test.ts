import { describe, expect, it } from 'vitest';
import { hydeMessages, multiQueryMessages } from './prompts.js';

describe('retrieval prompts', () => {
  it('query rewriting and HyDE prompts', () => {
    expect(multiQueryMessages('RoPE 外推', 3)).toMatchSnapshot();
    expect(hydeMessages('什么是 GQA')).toMatchSnapshot();
  });
});
