// One contract for every Reranker: one score in [0, 1] per candidate, none for no candidates, and a passage that
// answers the query above one on another subject. Run against the built-in feature reranker and the LLM
// reranker (over the fake chat model); the ONNX cross-encoder is held to its error contract (no model here, never a
// download).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeatureReranker } from '../retrieve/feature-reranker.js';
import { type ProcessedQuery, processQuery, withCorpusStatistics } from '../retrieve/query.js';
import { createTextTools } from '../text/text-tools.js';
import { FakeChatModel } from './fake-chat-model.js';
import { LlmReranker } from './llm-reranker.js';
import { OnnxCrossEncoderReranker } from './onnx-cross-encoder-reranker.js';
import type { RerankCandidate, Reranker } from './reranker.js';

const tools = createTextTools([{ en: 'key-value cache', abbr: ['KV cache'], zh: ['键值缓存'], aliases: [] }]);
const features = new FeatureReranker(tools);
/** A query as the pipeline hands it to a reranker (weighed against an empty corpus here). */
const weighed = (text: string): ProcessedQuery => withCorpusStatistics(processQuery(text, tools), [], tools);

const cases: [string, () => Reranker<ProcessedQuery>][] = [
  ['feature reranker (built-in)', () => features],
  ['LLM reranker (fake chat model)', () => new LlmReranker(new FakeChatModel(), features)],
];

function candidate(key: string, question: string, text: string): RerankCandidate {
  return { key, question, questionEn: undefined, text, textEn: undefined, topic: ['推理'], fusedScore: 0.02 };
}

// The off-topic passage comes first: a reranker must not just keep the fused order.
const candidates = [
  candidate('lora', 'LoRA 的秩怎么选?', 'LoRA 的秩 r 一般取 8 到 64,秩越大可训练参数越多。'),
  candidate('kv', 'KV cache 为什么能加速推理?', 'KV cache 缓存已经算过的 K 和 V,解码时每步只算新 token,所以推理更快。'),
];

describe.each(cases)('Reranker contract: %s', (_name, make) => {
  it('gives one score in [0, 1] per candidate and ranks the answering passage first', async () => {
    const scores = await make().rerank(weighed('KV cache 为什么能加速推理'), candidates);
    expect(scores).toHaveLength(2);
    for (const score of scores) {
      expect(Number.isFinite(score)).toBe(true);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(scores[1]).toBeGreaterThan(scores[0] as number);
  });

  it('returns no scores for no candidates', async () => {
    expect(await make().rerank(weighed('KV cache'), [])).toEqual([]);
  });

  it('has a stable id', () => {
    expect(make().id).toBe(make().id);
    expect(make().id.length).toBeGreaterThan(0);
  });
});

describe('ONNX cross-encoder reranker', () => {
  it('fails with a clear error when the model folder holds no model, and downloads nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mianba-no-reranker-'));
    const reranker = new OnnxCrossEncoderReranker(empty);
    expect(reranker.id).toMatch(/^onnx-cross-encoder:/);
    expect(await reranker.rerank({ text: 'KV cache' }, [])).toEqual([]);
    await expect(reranker.rerank({ text: 'KV cache' }, candidates)).rejects.toMatchObject({ code: expect.any(String) });
  });
});
