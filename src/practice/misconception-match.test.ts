import { describe, expect, test } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import type { Misconception } from '../bank/bank-schema.js';
import { bankItem } from '../bank/question-item.js';
import { createTextTools } from '../text/text-tools.js';
import { gradeAnswer } from './grade-answer.js';
import { matchesPattern, matchMisconceptions, splitSentences } from './misconception-match.js';
import { isNegatedAt } from './negation.js';

const claim = (patterns: string[], contradicts?: number): Misconception => ({
  claim: { zh: '错', en: 'wrong' },
  patterns,
  correction: { zh: '对', en: 'right' },
  ...(contradicts ? { contradicts } : {}),
});

describe('matchesPattern', () => {
  test('fragments joined by ".." match in order within one sentence, normalised (width, case)', () => {
    expect(matchesPattern('eval() 会关闭梯度计算', 'eval..关闭..梯度')).toBe(true);
    expect(matchesPattern('ｅｖａｌ() 会关闭梯度计算'.normalize('NFKC').toLowerCase(), 'EVAL..关闭..梯度')).toBe(true);
    expect(matchesPattern('梯度会被 eval 关闭', 'eval..关闭..梯度')).toBe(false);
    expect(splitSentences('a 会关闭。梯度 b')).toEqual(['a 会关闭', '梯度 b']);
    expect(matchMisconceptions([claim(['关闭..梯度'])], 'eval 会关闭。梯度照常计算。')).toEqual([]);
  });

  test("a fragment denied by its clause does not count: 不是/并不/没有, not/isn't/doesn't, rather than, 而不是", () => {
    expect(matchesPattern('结果完全一致,不是近似', '近似')).toBe(false);
    expect(matchesPattern('eval() 并不关梯度', 'eval..关..梯度')).toBe(false);
    expect(matchesPattern('eval() does not disable gradients', 'eval..disables..gradient')).toBe(false);
    expect(matchesPattern("flashattention isn't an approximation", 'approximat')).toBe(false);
    expect(matchesPattern('it computes exact attention rather than an approximation', 'approximat')).toBe(false);
    expect(matchesPattern('它是精确计算而不是近似', '近似')).toBe(false);
    expect(matchesPattern('nothing is approximated', 'approximat')).toBe(false);
  });

  test('不是 X 而是 Y: X is denied, Y is affirmed', () => {
    expect(matchesPattern('不是减少 flops,而是减少 hbm 读写', '减少..flops')).toBe(false);
    expect(matchesPattern('不是减少显存,而是减少 flops', '减少..flops')).toBe(true);
  });

  test('a pattern that itself says "not" matches the negative statement', () => {
    expect(matchesPattern('推理时不需要 no_grad', '不需要..no_grad')).toBe(true);
  });

  test('fragments far apart or across a contrast belong to different statements', () => {
    expect(matchesPattern('因果注意力一定满秩,而双向注意力可能低秩', '因果..低秩')).toBe(false);
    expect(matchesPattern('因果注意力是低秩的', '因果..低秩')).toBe(true);
  });
});

describe('negation of key-point aliases', () => {
  test('an alias inside a negated clause is denied; a new clause starts fresh', () => {
    const text = '这种方法没有低秩假设,而是满秩';
    expect(isNegatedAt(text, text.indexOf('低秩'))).toBe(true);
    expect(isNegatedAt(text, text.indexOf('满秩'))).toBe(false);
  });
});

describe('grading with misconceptions: the examples of issue 12', () => {
  const { bank } = readBank();
  const tools = createTextTools(bank.glossary);
  const grade = (id: string, answer: string) => {
    const question = bank.questions.find((entry) => entry.id === id);
    if (!question) throw new Error(id);
    return gradeAnswer(bankItem(question), answer, tools);
  };

  test('eval() turns off gradients / Dropout stays on / BatchNorm keeps updating: low score, claims shown, point 4 blocked', () => {
    const result = grade(
      'sft-train-eval-mode',
      'model.train() 和 model.eval() 会递归设置 training 标志。eval() 会关闭梯度计算,所以推理时不需要 no_grad。eval 模式下 Dropout 仍然按概率置零,BatchNorm 继续更新 running_mean。',
    );
    expect(result.score).toBeLessThanOrEqual(2);
    expect(result.misconceptions.length).toBeGreaterThanOrEqual(2);
    expect(result.misconceptions[0]).toMatchObject({ claim: expect.stringContaining('eval() 会关闭梯度'), correction: expect.stringContaining('no_grad') });
    expect(result.points[3]?.covered).toBe(false);
  });

  test('both LoRA matrices zero scores well below the right answer', () => {
    const wrong = grade('peft-lora-init', 'A 和 B 都初始化为 0,这样 ΔW=0,输出与原模型一致,不破坏预训练能力。');
    const right = grade(
      'peft-lora-init',
      'A 用高斯随机初始化、B 全 0,所以初始 ΔW=0,输出与原模型一致。两个都为 0 时梯度恒为 0 无法训练,必须有一个随机;B 先获得梯度更新,之后 A 才更新。',
    );
    expect(wrong.score).toBeLessThanOrEqual(2);
    expect(wrong.misconceptions.map((entry) => entry.claim)).toEqual(['A、B 都初始化为 0']);
    expect(right.misconceptions).toEqual([]);
    expect(right.score - wrong.score).toBeGreaterThanOrEqual(1);
  });

  test('7B in fp16 = 7 GB and Mixtral top-1 / 56B / 7B active score <= 2', () => {
    expect(
      grade('gpu-memory-model-size', '每层约 12d²,总参数 12·L·d² + V·d,LLaMA-7B d=4096、32 层约 6.7B。7B 模型 fp16 大约 7 GB。').score,
    ).toBeLessThanOrEqual(2);
    const mixtral = grade('moe-mixtral', 'Mixtral 用 top-1 路由、56B、7B 激活。每层 8 个专家,骨架同 Mistral 7B。');
    expect(mixtral.score).toBeLessThanOrEqual(2);
    expect(mixtral.misconceptions.length).toBe(3);
  });

  test('a correct KV-cache answer saying "结果和不缓存完全一样" covers the exactness point and scores well', () => {
    const result = grade(
      'kv-cache-why-faster',
      '不用缓存的话每一步都要把前缀所有 token 的 K、V 重新算一遍;缓存之后每步注意力从 O(n²) 变成 O(n)。结果和不缓存完全一样。代价是占显存,解码变成访存瓶颈。',
    );
    expect(result.points[2]?.covered).toBe(true);
    expect(result.misconceptions).toEqual([]);
    expect(result.score).toBeGreaterThanOrEqual(3.5);
  });
});
