// Issue 14: the calculators' assumptions were English in the zh UI. Every assumption sentence the calculators can
// produce (each method, optimizer, precision, ZeRO stage, offload, checkpointing, attention, model notes, custom
// parameter counts) must come out in Chinese, with its numbers; pure, no browser.
import { describe, expect, it } from 'vitest';
import { computeCompute } from '../src/calc/compute.js';
import { computeInferenceMemory } from '../src/calc/inference-memory.js';
import { type CalcFlags, resolveComputeInput, resolveInferenceInput, resolveTrainingInput } from '../src/calc/resolve-options.js';
import { computeTrainingMemory } from '../src/calc/training-memory.js';
import { calcAssumptionZh } from '../web/src/calc-zh-assumptions.js';

const english = /[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+/;

function allAssumptions(): string[] {
  const found = new Set<string>();
  const add = (list: string[]) => {
    for (const sentence of list) found.add(sentence);
  };
  for (const model of ['llama-2-7b', 'mistral-7b', 'llama-3-8b'])
    for (const dtype of ['fp16', 'int8', 'int4']) {
      add(computeInferenceMemory(resolveInferenceInput({ model, dtype })).assumptions);
      add(computeCompute(resolveComputeInput({ model, dtype, tokens: '1T', gpus: '8' })).assumptions);
    }
  add(computeInferenceMemory(resolveInferenceInput({ model: 'llama-2-7b', params: '6.7B' })).assumptions);
  const training: CalcFlags[] = [];
  for (const method of ['full', 'lora', 'qlora'])
    for (const optimizer of ['adamw', 'sgd', 'adam8bit'])
      for (const precision of ['mixed', 'fp32', 'bf16'])
        for (const zero of ['0', '1', '2', '3']) training.push({ model: 'llama-2-7b', method, optimizer, precision, zero, gpus: zero === '0' ? '1' : '4' });
  training.push({ model: 'llama-2-7b', zero: '0', gpus: '4' });
  training.push({ model: 'llama-2-7b', zero: '2', gpus: '8', offload: true, checkpointing: true });
  training.push({ model: 'llama-2-7b', 'flash-attention': true });
  for (const flags of training) add(computeTrainingMemory(resolveTrainingInput(flags)).assumptions);
  return [...found];
}

describe('calculator assumptions in Chinese', () => {
  it('translates every sentence the calculators produce, keeping the numbers', () => {
    const sentences = allAssumptions();
    expect(sentences.length).toBeGreaterThan(20);
    const untranslated = sentences
      .map((sentence) => [sentence, calcAssumptionZh(sentence)] as const)
      .filter(([, zh]) => !/[\u4e00-\u9fff]/.test(zh) || english.test(zh));
    expect(untranslated).toEqual([]);
    for (const sentence of sentences) {
      const numbers = sentence.match(/\d+(?:\.\d+)?/g) ?? [];
      const zh = calcAssumptionZh(sentence);
      for (const number of numbers) expect(zh).toContain(number);
    }
  });

  it('leaves a sentence it does not know in English rather than half translating it', () => {
    expect(calcAssumptionZh('A brand new assumption nobody has translated yet.')).toBe('A brand new assumption nobody has translated yet.');
  });
});
