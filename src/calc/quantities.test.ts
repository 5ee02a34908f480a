import { describe, expect, test } from 'vitest';
import { formatBinaryBytes, formatCount, parseContextTokens, parseCount } from './quantities.js';

describe('quantities', () => {
  test('contexts use binary k', () => {
    expect(parseContextTokens('32k')).toBe(32768);
    expect(parseContextTokens('4K')).toBe(4096);
    expect(parseContextTokens('4096')).toBe(4096);
    expect(parseContextTokens('lots')).toBeUndefined();
    expect(parseContextTokens('0')).toBeUndefined();
  });

  test('counts use decimal suffixes', () => {
    expect(parseCount('2T')).toBe(2e12);
    expect(parseCount('300B')).toBe(300e9);
    expect(parseCount('6.74e9')).toBe(6.74e9);
    expect(parseCount('7b')).toBe(7e9);
    expect(parseCount('seven')).toBeUndefined();
  });

  test('formatting', () => {
    expect(formatBinaryBytes(524288)).toBe('512.0 KiB');
    expect(formatBinaryBytes(2 ** 31)).toBe('2.00 GiB');
    expect(formatCount(6_738_415_616)).toBe('6.74B');
    expect(formatCount(68_976_648_192)).toBe('68.98B');
    expect(formatCount(4_194_304)).toBe('4.19M');
  });
});
