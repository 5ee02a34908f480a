import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatModel } from '../models/chat-model.js';
import { historyMessages, withHistory } from './conversation.js';

describe('conversation history for the model', () => {
  it('sends earlier turns as user/assistant pairs, oldest first, without stale [n] markers', () => {
    const messages = historyMessages([
      { question: 'KV cache 是什么?', answer: '缓存已算过的 K 和 V [1]。' },
      { question: '它占多少显存?', answer: '2 × 层数 × 隐藏维 × 序列长度 [2][3]' },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'KV cache 是什么?' },
      { role: 'assistant', content: '缓存已算过的 K 和 V 。' },
      { role: 'user', content: '它占多少显存?' },
      { role: 'assistant', content: '2 × 层数 × 隐藏维 × 序列长度' },
    ]);
  });

  it('keeps the newest turns that fit the budget and skips turns without an answer', () => {
    const turns = [
      { question: 'old', answer: 'x'.repeat(50) },
      { question: 'stopped before any text', answer: '' },
      { question: 'new', answer: 'y'.repeat(50) },
    ];
    expect(historyMessages(turns, 60).map((message) => message.content)).toEqual(['new', 'y'.repeat(50)]);
    expect(historyMessages(turns, 10)).toEqual([]);
  });

  it('inserts the history between the system prompt and the new question', async () => {
    const seen: ChatMessage[][] = [];
    const model: ChatModel = {
      id: 'recording',
      async chat(messages) {
        seen.push(messages);
        return { text: 'ok', finishReason: 'stop' };
      },
    };
    const history: ChatMessage[] = [
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
    ];
    await withHistory(model, history).chat([
      { role: 'system', content: 'rules' },
      { role: 'user', content: 'q2' },
    ]);
    expect(seen[0]?.map((message) => message.content)).toEqual(['rules', 'q1', 'a1', 'q2']);
    expect(withHistory(model, [])).toBe(model);
  });
});
