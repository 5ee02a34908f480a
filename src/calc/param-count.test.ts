import { describe, expect, test } from 'vitest';
import { loraParameters } from './lora.js';
import { countParameters, linearShapes } from './param-count.js';
import { findModelPreset, modelPresets } from './presets-models.js';

function preset(id: string) {
  const model = findModelPreset(id);
  if (!model) throw new Error(`no preset ${id}`);
  return model;
}

describe('parameter count from the configuration', () => {
  test.each(modelPresets.map((model) => [model.id, model] as const))('%s is within 1%% of its published size', (_, model) => {
    expect(model.publishedParams).toBeDefined();
    const computed = countParameters(model).total;
    expect(Math.abs(computed / (model.publishedParams ?? 0) - 1)).toBeLessThan(0.01);
  });

  test('matches the exact sizes of the HF checkpoints', () => {
    expect(countParameters(preset('llama-2-7b')).total).toBe(6_738_415_616);
    expect(countParameters(preset('llama-2-70b')).total).toBe(68_976_648_192);
    expect(countParameters(preset('llama-3-8b')).total).toBe(8_030_261_248);
    expect(countParameters(preset('mistral-7b')).total).toBe(7_241_732_096);
    expect(countParameters(preset('bloom-7b1')).total).toBe(7_069_016_064);
    expect(countParameters(preset('qwen2.5-7b')).total).toBe(7_615_616_512);
  });

  test('ties embeddings where the model does (no lm head) and counts biases', () => {
    const bloom = countParameters(preset('bloom-7b1'));
    expect(bloom.lmHead).toBe(0);
    const llama = countParameters(preset('llama-2-7b'));
    expect(llama.lmHead).toBe(32000 * 4096);
    // Qwen2.5 has biases on q, k and v only: 3584 + 2 × 512 per layer.
    const qwen = preset('qwen2.5-7b');
    const withoutBias = countParameters({ ...qwen, bias: { qkv: false, attentionOutput: false, ffn: false } });
    expect(countParameters(qwen).total - withoutBias.total).toBe(28 * (3584 + 2 * 512));
  });

  test('GQA shrinks k and v: Llama-3-8B k_proj is 4096 × 1024', () => {
    expect(linearShapes(preset('llama-3-8b')).k).toEqual({ inFeatures: 4096, outFeatures: 1024 });
    expect(linearShapes(preset('chatglm-6b')).gate).toBeUndefined();
  });

  test('presets are found by forgiving names', () => {
    expect(findModelPreset('meta-llama/Llama-2-7b-chat-hf')?.id).toBe('llama-2-7b');
    expect(findModelPreset('Qwen2.5-7B-Instruct')?.id).toBe('qwen2.5-7b');
    expect(findModelPreset('GPT3')?.id).toBe('gpt-3');
    expect(findModelPreset('llama-4')).toBeUndefined();
  });
});

describe('LoRA trainable parameters', () => {
  test('r=8 on q,v of LLaMA-2-7B is 4,194,304', () => {
    expect(loraParameters(preset('llama-2-7b'), 8, ['q', 'v']).trainableParams).toBe(4_194_304);
  });

  test('r·(d_in + d_out) per targeted linear, GQA-aware', () => {
    // Llama-3-8B: q 4096→4096, v 4096→1024, down 14336→4096, 32 layers, r = 16.
    const expected = 32 * 16 * (4096 + 4096 + (4096 + 1024) + (14336 + 4096));
    expect(loraParameters(preset('llama-3-8b'), 16, ['q', 'v', 'down']).trainableParams).toBe(expected);
  });
});
