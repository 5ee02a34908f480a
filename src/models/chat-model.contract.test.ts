// One contract for every ChatModel (the fake one and the OpenAI-compatible client over a real HTTP server on
// 127.0.0.1), plus the failure behaviour of the client: retries only on 408/409/429/5xx honouring Retry-After,
// clear errors for a bad key, an unknown model, a refused connection, a cut stream, and Ctrl-C.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../core/errors.js';
import type { ChatMessage, ChatModel } from './chat-model.js';
import { FakeChatModel } from './fake-chat-model.js';
import { type FakeServer, type Fault, startFakeOpenAiServer } from './fake-openai-server.js';
import type { Fetch } from './http-retry.js';
import { OpenAiCompatibleChatModel } from './openai-compatible-chat-model.js';

const messages: ChatMessage[] = [
  { role: 'system', content: 'Answer using ONLY the numbered context passages.' },
  {
    role: 'user',
    content: 'Context passages:\n<passage n="1" source="a.md:1">\nKV cache 缓存已经算过的 K 和 V。后面还有。\n</passage>\n\nQuestion: 什么是 KV cache',
  },
];
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function clientFor(faults: Fault[] = [], options: { apiKey?: string; serverKey?: string; model?: string; maxRetries?: number } = {}) {
  const server = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), faults, ...(options.serverKey ? { apiKey: options.serverKey } : {}) });
  servers.push(server);
  const sleeps: number[] = [];
  const client = new OpenAiCompatibleChatModel({
    baseUrl: server.url,
    model: options.model ?? 'fake-model',
    apiKey: options.apiKey ?? options.serverKey,
    policy: { timeoutMs: 5000, maxRetries: options.maxRetries ?? 3, baseDelayMs: 1, sleep: async (ms) => void sleeps.push(ms) },
  });
  return { server, client, sleeps };
}

const cases: [string, () => Promise<ChatModel>][] = [
  ['fake model', async () => new FakeChatModel()],
  ['OpenAI-compatible client', async () => (await clientFor()).client],
];

describe.each(cases)('ChatModel contract: %s', (_name, make) => {
  it('answers with text and a finish reason', async () => {
    const result = await (await make()).chat(messages);
    expect(result.text).toContain('[1]');
    expect(result.finishReason).toBe('stop');
  });

  it('streams pieces that add up to the full text', async () => {
    const pieces: string[] = [];
    const result = await (await make()).chat(messages, { onToken: (piece) => pieces.push(piece) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(result.text);
  });
});

describe('OpenAI-compatible client failures', () => {
  it('retries a 429 after the Retry-After delay, then succeeds', async () => {
    const { client, sleeps, server } = await clientFor([{ kind: 'status', status: 429, retryAfterSeconds: 2 }]);
    const result = await client.chat(messages);
    expect(result.text).toContain('KV cache');
    expect(sleeps).toEqual([2000]);
    expect(server.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('retries 5xx with backoff but gives up after maxRetries', async () => {
    const faults: Fault[] = [500, 502, 503].map((status) => ({ kind: 'status', status }));
    const { client } = await clientFor(faults, { maxRetries: 2 });
    await expect(client.chat(messages)).rejects.toMatchObject({ code: 'model_error', status: 503 });
  });

  it('does not retry a 400', async () => {
    const { client, server } = await clientFor([{ kind: 'status', status: 400, message: 'bad request' }]);
    await expect(client.chat(messages)).rejects.toMatchObject({ code: 'model_error', status: 400 });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a rejected key without echoing it', async () => {
    const { client } = await clientFor([], { serverKey: 'sk-right-key-123456', apiKey: 'sk-wrong-key-987654' });
    const error = (await client.chat(messages).catch((caught: unknown) => caught)) as AppError;
    expect(error.code).toBe('model_auth');
    expect(error.message).not.toContain('sk-wrong-key-987654');
  });

  it('reports an unknown model by name', async () => {
    const { client } = await clientFor([], { model: 'no-such-model' });
    await expect(client.chat(messages)).rejects.toMatchObject({ code: 'model_not_found', message: expect.stringContaining('no-such-model') });
  });

  it('detects a stream that ends without a finish reason', async () => {
    const { client } = await clientFor([{ kind: 'cut-stream', afterChunks: 2 }]);
    await expect(client.chat(messages, { onToken: () => {} })).rejects.toMatchObject({
      code: 'model_bad_response',
      message: expect.stringContaining('no finish reason'),
    });
  });

  it('explains a refused connection and how to start Ollama', async () => {
    const port = await freePort();
    const client = new OpenAiCompatibleChatModel({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'x', policy: { timeoutMs: 2000, maxRetries: 0 } });
    await expect(client.chat(messages)).rejects.toMatchObject({ code: 'model_unavailable', message: expect.stringContaining('cannot reach') });
    // Ollama's port gets its own hint. The refusal is simulated through the injected fetch (as undici reports it), so
    // the test never touches a real port 11434 and asserts the same thing whether or not Ollama runs here.
    const requested: string[] = [];
    const refusing: Fetch = async (input) => {
      requested.push(String(input));
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' }) });
    };
    const ollama = new OpenAiCompatibleChatModel({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'x',
      fetch: refusing,
      policy: { timeoutMs: 2000, maxRetries: 0 },
    });
    await expect(ollama.chat(messages)).rejects.toMatchObject({
      code: 'model_unavailable',
      message: expect.stringContaining('Start Ollama with: ollama serve'),
    });
    expect(requested).toEqual(['http://127.0.0.1:11434/v1/chat/completions']);
  });

  it('aborts on the caller signal', async () => {
    const { server } = await clientFor([{ kind: 'status', status: 429, retryAfterSeconds: 30 }]);
    const controller = new AbortController();
    const slowClient = new OpenAiCompatibleChatModel({ baseUrl: server.url, model: 'fake-model', policy: { timeoutMs: 5000, maxRetries: 3 } });
    setTimeout(() => controller.abort(), 50);
    await expect(slowClient.chat(messages, { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
