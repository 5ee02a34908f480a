import { describe, expect, test } from 'vitest';
import { isAppError } from '../core/errors.js';
import { customModel, genericModelForParams, modelForSizeBillions, presetForSizeBillions } from './custom-model.js';
import { countParameters } from './param-count.js';
import { findModelPreset } from './presets-models.js';

describe('custom and generic models', () => {
  test('a generic 175B model gets GPT-3 shape 96 × 12288', () => {
    const model = genericModelForParams(175e9);
    expect([model.layers, model.hiddenSize]).toEqual([96, 12288]);
    expect(model.paramsOverride).toBe(175e9);
  });

  test('sizes map to the preset of that size, else to a generic shape', () => {
    expect(presetForSizeBillions(7)?.id).toBe('llama-2-7b');
    expect(presetForSizeBillions(65)?.id).toBe('llama-65b');
    expect(presetForSizeBillions(175)?.id).toBe('gpt-3');
    expect(modelForSizeBillions(30).id).toBe('generic-30b');
  });

  test('flags describe a model; the count follows the shape', () => {
    const model = customModel(undefined, { layers: 32, hidden: 4096, heads: 32, intermediate: 11008, vocab: 32000 });
    expect(model && countParameters(model).total).toBe(6_738_415_616);
  });

  test('flags override a preset: --kv-heads 1 turns LLaMA-2-7B into MQA', () => {
    const model = customModel(findModelPreset('llama-2-7b'), { kvHeads: 1 });
    expect(model?.kvHeads).toBe(1);
    expect(model?.headDim).toBe(128);
  });

  test('an incomplete or inconsistent shape is a usage error', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isAppError(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => customModel(undefined, { layers: 32 }))).toBe('usage');
    expect(codeOf(() => customModel(undefined, { layers: 32, hidden: 4096, heads: 30 }))).toBe('usage');
    expect(customModel(undefined, {})).toBeUndefined();
  });
});
