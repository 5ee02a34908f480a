// The class-table scan must find exactly the runs of the regex it replaces for long texts, on any text: Han of
// every plane, letters and digits of other scripts, lone and paired surrogates, and everything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachScriptRun } from './script-runs.js';

const hanOrWord = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

function regexRuns(text: string): [string, boolean][] {
  return [...text.matchAll(hanOrWord)].map((match) => [match[0], match[1] !== undefined]);
}

function tableRuns(text: string): [string, boolean][] {
  const runs: [string, boolean][] = [];
  forEachScriptRun(text, (start, end, isHan) => runs.push([text.slice(start, end), isHan]));
  return runs;
}

const pieces = [
  '注意力',
  '𠀀𪚥',
  '〇〡',
  'KV-cache',
  'é',
  'Ωμέγα',
  '١٢٣',
  'ⅻ',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '　',
  '，',
  ' ',
  '\n',
  '_',
  '⼤',
  '豈',
  'ｋｖ',
  '2024',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 })), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

describe('forEachScriptRun', () => {
  it('finds the regex runs, Han or not, on any text', () => {
    fc.assert(
      fc.property(text, (sample) => {
        expect(tableRuns(sample)).toEqual(regexRuns(sample));
      }),
      { numRuns: 3000 },
    );
  });

  it('classifies every BMP character as the regex does', () => {
    let all = '';
    for (let code = 0; code <= 0xffff; code++) all += `${String.fromCharCode(code)} `;
    const runs = tableRuns(all);
    expect(runs.length).toBeGreaterThan(50_000);
    expect(runs).toEqual(regexRuns(all));
  });

  it('splits a mixed line into Han and word runs', () => {
    expect(tableRuns('旋转位置编码RoPE是一种relative位置 编码, 2024年')).toEqual([
      ['旋转位置编码', true],
      ['RoPE', false],
      ['是一种', true],
      ['relative', false],
      ['位置', true],
      ['编码', true],
      ['2024', false],
      ['年', true],
    ]);
  });
});
