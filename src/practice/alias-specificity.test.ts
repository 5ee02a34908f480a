// Key-point aliases must be specific: none may occur in more than 10% of the other reference answers of its chapter.
// The check is a pure function (tested on a small bank here); the real-bank test prints every offender. Aliases of
// the chapter files are being fixed by the bank helpers: this test is checked after their work is merged.
import { describe, expect, test } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import { type AliasItem, findUnspecificAliases, maxAliasShare } from './alias-specificity.js';

const item = (id: string, answer: string, aliases: string[]): AliasItem => ({ id, chapter: 'c', answers: [answer], keyPoints: [{ aliases }] });

describe('findUnspecificAliases', () => {
  const small = [
    item('a', 'KV cache 占用显存,梯度不参与。', ['显存', 'kv cache']),
    item('b', '训练时显存主要是优化器状态。', ['优化器状态']),
    item('c', '推理显存取决于 batch。', ['batch']),
    item('d', '流水线并行有气泡。', ['气泡']),
  ];

  test('an alias found in more than the threshold share of the other answers is an offender, with its matches', () => {
    expect(findUnspecificAliases(small, 0.5)).toEqual([{ id: 'a', chapter: 'c', alias: '显存', share: 2 / 3, others: 3, matches: ['b', 'c'] }]);
  });

  test('the threshold is a share: at exactly the limit an alias passes; items of other chapters do not count', () => {
    expect(findUnspecificAliases(small, 2 / 3)).toEqual([]);
    expect(findUnspecificAliases(small.slice(0, 2).concat(small.slice(3)), 0)).toEqual([]);
    const otherChapter = small.map((entry) => (entry.id === 'a' ? entry : { ...entry, chapter: 'other' }));
    expect(findUnspecificAliases(otherChapter, 0)).toEqual([]);
  });

  test('a negated mention in another answer does not count', () => {
    expect(findUnspecificAliases([item('x', '-', ['低秩']), item('y', '这里没有低秩假设', [])], 0)).toEqual([]);
  });
});

describe('the bank', () => {
  test(`no key-point alias occurs in more than ${maxAliasShare * 100}% (and more than one) of the other answers of its chapter`, () => {
    const { bank } = readBank();
    const offenders = findUnspecificAliases(
      bank.questions.map((question) => ({
        id: question.id,
        chapter: question.chapterId,
        answers: [question.answer.zh, question.answer.en],
        keyPoints: question.keyPoints,
      })),
    );
    if (offenders.length > 0)
      console.log(
        `${offenders.length} unspecific aliases:\n${offenders.map((entry) => `  ${entry.id}: "${entry.alias}" in ${entry.matches.length}/${entry.others} (${(entry.share * 100).toFixed(0)}%)`).join('\n')}`,
      );
    expect(offenders).toEqual([]);
  });
});
