// One contract for every Embedder: one unit-length vector per input, fixed dimensions, deterministic, and related
// texts closer than unrelated ones. Run against the built-in embedder and the OpenAI-compatible one over a real
// HTTP server on 127.0.0.1; the ONNX adapter is held to its error contract (no model here, never a download).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTextTools } from '../text/text-tools.js';
import type { Embedder } from './embedder.js';
import { FakeChatModel } from './fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from './fake-openai-server.js';
import { HashedNgramEmbedder } from './hashed-ngram-embedder.js';
import { OnnxEmbedder } from './onnx-embedder.js';
import { OpenAiCompatibleEmbedder } from './openai-compatible-embedder.js';

const tools = createTextTools([{ en: 'rotary position embedding', abbr: ['RoPE'], zh: ['旋转位置编码'], aliases: [] }]);
const builtin = new HashedNgramEmbedder(tools);
let server: FakeServer;

beforeAll(async () => {
  server = await startFakeOpenAiServer({ model: new FakeChatModel(), embedder: builtin });
});
afterAll(async () => server.close());

const cases: [string, () => Embedder][] = [
  ['hashed n-gram (built-in)', () => builtin],
  [
    'OpenAI-compatible /v1/embeddings',
    () => new OpenAiCompatibleEmbedder({ baseUrl: server.url, model: 'embed', policy: { timeoutMs: 5000, maxRetries: 0 }, batchSize: 2 }),
  ],
];

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

describe.each(cases)('Embedder contract: %s', (_name, make) => {
  it('returns one unit-length vector of the declared dimension per input', async () => {
    const embedder = make();
    const vectors = await embedder.embed(['KV cache 为什么能加速推理', 'RoPE 如何外推', 'LoRA 的初始化']);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector.length).toBe(embedder.dimensions);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic and places related texts closer than unrelated ones', async () => {
    const embedder = make();
    const [a, b, c, again] = await embedder.embed(['旋转位置编码的外推', 'RoPE extrapolation', '红烧肉的做法', '旋转位置编码的外推']);
    expect(Array.from(again as Float32Array)).toEqual(Array.from(a as Float32Array));
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(dot(a as Float32Array, c as Float32Array));
  });

  it('returns an empty list for no input', async () => {
    expect(await make().embed([])).toEqual([]);
  });
});

describe('ONNX embedder errors', () => {
  it('names the missing model directory instead of downloading', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'mianba-onnx-')), 'no-such-model');
    await expect(new OnnxEmbedder(missing).embed(['x'])).rejects.toThrow(`ONNX model directory ${missing} does not exist`);
  });

  it('lists what a present but incomplete directory lacks', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mianba-onnx-'));
    await expect(new OnnxEmbedder(empty).embed(['x'])).rejects.toThrow(/missing config\.json, tokenizer\.json, onnx\/\*\.onnx/);
  });
});
