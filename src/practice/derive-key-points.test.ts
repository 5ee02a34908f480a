import { describe, expect, test } from 'vitest';
import { createTextTools } from '../text/text-tools.js';
import { deriveKeyPoints, splitSegments } from './derive-key-points.js';

const tools = createTextTools([{ en: 'key-value cache', abbr: ['KV cache'], zh: ['键值缓存'], aliases: [] }]);

describe('deriveKeyPoints', () => {
  test('splits sentences and list items, markers stripped', () => {
    expect(splitSegments('1. 第一点很重要。第二点也重要!\n- bullet item here\nShort. Another sentence follows.')).toEqual([
      '第一点很重要。',
      '第二点也重要!',
      'bullet item here',
      'Short.',
      'Another sentence follows.',
    ]);
  });

  test('keeps 3-6 informative sentences in order, with glossary terms and distinctive words as aliases', () => {
    const answer = [
      'The KV cache stores the keys and values of previous tokens for every layer.',
      'Only the new token is computed at each decoding step.',
      'Queries are not cached because each query is used once.',
      'Memory grows linearly with sequence length and batch size.',
      'Yes.',
    ].join(' ');
    const points = deriveKeyPoints(answer, 'What is the KV cache?', tools);
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(6);
    expect(points.map((point) => point.en)).not.toContain('Yes.');
    expect(points[0]?.aliases).toContain('KV cache');
    for (const point of points) expect(point.aliases.length).toBeGreaterThan(0);
  });

  test('an answer without content gives no points', () => {
    expect(deriveKeyPoints('', 'anything?', tools)).toEqual([]);
  });
});
