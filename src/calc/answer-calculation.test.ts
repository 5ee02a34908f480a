import { describe, expect, test } from 'vitest';
import { answerCalculationFor } from './answer-calculation.js';

describe('answerCalculationFor', () => {
  test('"7B 全参数微调需要多少显存" → full fine-tuning of the 7B preset, 16 B/param ≈ 107.8 GB', () => {
    const summary = answerCalculationFor('7B 全参数微调需要多少显存');
    expect(summary?.kind).toBe('training');
    if (summary?.kind !== 'training') return;
    expect(summary.modelId).toBe('llama-2-7b');
    expect(summary.input.method).toBe('full');
    expect(summary.text).toContain('16 B per trainable param');
    expect(summary.text).toContain('107.8 GB');
  });

  test('"65B 模型 4 张 V100 32G 能训练吗" → no for full fine-tuning, yes for QLoRA', () => {
    const summary = answerCalculationFor('65B 模型 4 张 V100 32G 能训练吗');
    expect(summary?.kind).toBe('training');
    if (summary?.kind !== 'training') return;
    expect(summary.modelId).toBe('llama-65b');
    expect(summary.input.gpus).toBe(4);
    expect(summary.input.zeroStage).toBe(3);
    expect(summary.verdict.gpu).toBe('v100-32g');
    expect(summary.verdict.fits).toBe(false);
    expect(summary.alternatives.find((alternative) => alternative.method === 'qlora')?.fits).toBe(true);
    expect(summary.text).toMatch(/No on 4 × V100 32G/);
  });

  test('"llama-2-7b 32k 上下文 KV cache 多大" → 0.5 MiB/token × 32768 = 16 GiB', () => {
    const summary = answerCalculationFor('llama-2-7b 32k 上下文 KV cache 多大');
    expect(summary?.kind).toBe('inference');
    if (summary?.kind !== 'inference') return;
    expect(summary.input.contextTokens).toBe(32768);
    expect(summary.result.kvCacheBytes).toBe(16 * 2 ** 30);
    expect(summary.text).toContain('512.0 KiB per token');
  });

  test('"how much memory to serve llama 3 8b in fp16" → Llama-3-8B fp16 inference', () => {
    const summary = answerCalculationFor('how much memory to serve llama 3 8b in fp16');
    expect(summary?.kind).toBe('inference');
    if (summary?.kind !== 'inference') return;
    expect(summary.modelId).toBe('llama-3-8b');
    expect(summary.input.dtype).toBe('fp16');
    expect(summary.result.kvCacheBytesPerToken).toBe(131072);
  });

  test('GPU counts: "8卡 A800", "4 x A100 80G", "两张 4090"', () => {
    const a800 = answerCalculationFor('llama 2 70b 用 8卡 A800 做 LoRA 微调');
    expect(a800?.kind === 'training' && [a800.input.gpus, a800.input.method, a800.verdict.gpu]).toEqual([8, 'lora', 'a800-80g']);
    const a100 = answerCalculationFor('can 4 x A100 80G train llama-2-13b with zero-2?');
    expect(a100?.kind === 'training' && [a100.input.gpus, a100.input.zeroStage, a100.modelId]).toEqual([4, 2, 'llama-2-13b']);
    const rtx = answerCalculationFor('两张 4090 部署 Qwen2.5-7B 够吗');
    expect(rtx?.kind === 'inference' && [rtx.verdicts[0]?.gpu, rtx.modelId]).toEqual(['rtx-4090', 'qwen2.5-7b']);
  });

  test('training time questions compute 6·N·D', () => {
    const summary = answerCalculationFor('训练一个 7B 模型 2T tokens 需要多少 A100 卡时');
    expect(summary?.kind).toBe('compute');
    if (summary?.kind !== 'compute') return;
    expect(summary.input.trainingTokens).toBe(2e12);
    expect(summary.result.trainingFlops).toBe(6 * 6_738_415_616 * 2e12);
  });

  test('sizes without a preset get a LLaMA-like shape; unknown names say so', () => {
    expect(answerCalculationFor('30B 模型 int4 推理显存')?.modelId).toBe('generic-30b');
    expect(answerCalculationFor('chatglm2-6b 推理显存')?.text).toContain('"chatglm2-6b" → ChatGLM-6B');
  });

  test('questions that are not calculations give undefined', () => {
    expect(answerCalculationFor('什么是 LoRA')).toBeUndefined();
    expect(answerCalculationFor('Explain the attention mechanism')).toBeUndefined();
    expect(answerCalculationFor('GPT-3.5 怎么样')).toBeUndefined();
  });
});
