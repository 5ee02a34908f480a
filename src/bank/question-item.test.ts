// Topic paths of question items: shown in one language, and matched by --topic filters in both, including the shapes
// practice records stored before topics were paths.
import { describe, expect, it } from 'vitest';
import { topicIn, topicSearchText, topicText } from './question-item.js';

const bank = { zh: ['注意力', '多查询注意力'], en: ['Attention', 'Multi-query attention'] };

describe('question topics', () => {
  it('shows a bank topic in the asked language and a user topic as written', () => {
    expect(topicIn(bank, 'en')).toEqual(['Attention', 'Multi-query attention']);
    expect(topicText(bank, 'zh')).toBe('注意力 > 多查询注意力');
    expect(topicText(['笔记', 'KV cache'], 'en')).toBe('笔记 > KV cache');
    expect(topicText([], 'zh')).toBe('');
  });

  it('matches filters in either language and across levels, for new and legacy shapes alike', () => {
    for (const topic of [bank, { zh: '注意力 > 多查询注意力', en: 'Attention > Multi-query attention' }]) {
      const text = topicSearchText(topic);
      expect(text).toContain('attention > multi-query');
      expect(text).toContain('多查询注意力');
    }
    expect(topicSearchText('Serving > Batching')).toBe('serving > batching');
    expect(topicSearchText(['Serving', 'Batching'])).toBe('serving > batching');
  });
});
