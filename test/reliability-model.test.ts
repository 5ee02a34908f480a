// Reliability cases of issue 17 for the model client, against a real stalling/misbehaving server on 127.0.0.1:
// timeouts that always fire (stall after headers + one SSE chunk, no headers at all), bad responses named
// (HTML, non-JSON, {"choices":"nope"}, broken SSE, an over-long answer), and a key without "sk-" never shown.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../src/core/errors.js';
import type { ChatMessage, ChatModel } from '../src/models/chat-model.js';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, type Fault, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { OpenAiCompatibleChatModel } from '../src/models/openai-compatible-chat-model.js';

const messages: ChatMessage[] = [
  { role: 'user', content: 'Context passages:\n<passage n="1" source="a.md:1">\nKV cache 缓存 K 和 V。\n</passage>\n\nQuestion: 什么是 KV cache' },
];
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function client(faults: Fault[], options: { timeoutMs?: number; maxRetries?: number; apiKey?: string; serverKey?: string; model?: ChatModel } = {}) {
  const server = await startFakeOpenAiServer({
    model: options.model ?? new FakeChatModel('fake-model'),
    faults,
    ...(options.serverKey ? { apiKey: options.serverKey } : {}),
  });
  servers.push(server);
  const model = new OpenAiCompatibleChatModel({
    baseUrl: server.url,
    model: 'fake-model',
    apiKey: options.apiKey,
    policy: { timeoutMs: options.timeoutMs ?? 300, maxRetries: options.maxRetries ?? 0, baseDelayMs: 1 },
  });
  return { server, model };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  return (await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  )) as AppError;
}

describe('model timeouts always fire', () => {
  it('16 streams that stall after headers and one chunk all end with model_timeout within their budget', async () => {
    const faults: Fault[] = Array.from({ length: 16 }, () => ({ kind: 'stall', afterChunks: 1 }));
    const { model } = await client(faults, { timeoutMs: 400 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 16 }, () => failure(model.chat(messages, { onToken: () => {} }))));
    expect(results.map((error) => error.code)).toEqual(Array(16).fill('model_timeout'));
    expect(results[0]?.message).toContain('stopped sending');
    // Generous: 16 idle deadlines of 0.4 s run in parallel; a lost timer would hang until the test timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a JSON answer whose body never comes ends with model_timeout', async () => {
    const { model } = await client([{ kind: 'stall', afterChunks: 0 }], { timeoutMs: 300 });
    expect((await failure(model.chat(messages))).code).toBe('model_timeout');
  });

  it('a server that never sends headers is retried maxRetries times, then model_timeout', async () => {
    const { model, server } = await client([{ kind: 'no-headers' }, { kind: 'no-headers' }, { kind: 'no-headers' }], { timeoutMs: 200, maxRetries: 2 });
    const error = await failure(model.chat(messages));
    expect(error).toMatchObject({ code: 'model_timeout', message: expect.stringContaining('did not answer within 0.2 s') });
    expect(server.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(3);
  });

  it('the caller can still abort a stalled stream', async () => {
    const { model } = await client([{ kind: 'stall', afterChunks: 1 }], { timeoutMs: 30_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect((await failure(model.chat(messages, { onToken: () => {}, signal: controller.signal }))).code).toBe('aborted');
  });
});

describe('bad model responses are named model_bad_response', () => {
  const cases: [string, Fault, boolean, RegExp][] = [
    ['HTML', { kind: 'raw', contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' }, false, /HTML/],
    ['non-JSON text', { kind: 'raw', contentType: 'text/plain', body: 'upstream connect error' }, false, /not JSON/],
    ['{"choices":"nope"}', { kind: 'raw', contentType: 'application/json', body: '{"choices":"nope"}' }, false, /not a chat completion/],
    ['an empty choices list', { kind: 'raw', contentType: 'application/json', body: '{"choices":[]}' }, false, /not a chat completion/],
    [
      'a broken SSE event',
      { kind: 'raw', contentType: 'text/event-stream', body: 'data: {"choices":[{"delta":{"content":"a"\n\n' },
      true,
      /malformed stream event/,
    ],
    ['SSE with choices "nope"', { kind: 'raw', contentType: 'text/event-stream', body: 'data: {"choices":"nope"}\n\n' }, true, /malformed stream event/],
  ];
  it.each(cases)('%s', async (_name, fault, stream, message) => {
    const { model } = await client([fault]);
    const error = await failure(model.chat(messages, stream ? { onToken: () => {} } : {}));
    expect(error.code).toBe('model_bad_response');
    expect(error.message).toMatch(message);
  });

  it('an answer over the cap is refused, not passed through', async () => {
    const huge = JSON.stringify({ choices: [{ message: { content: 'x'.repeat(300_000) }, finish_reason: 'stop' }] });
    const { model } = await client([{ kind: 'raw', contentType: 'application/json', body: huge }]);
    expect((await failure(model.chat(messages))).code).toBe('model_bad_response');
  });
});

describe('a key without "sk-" never leaks', () => {
  const key = 'SECRETKEY-987654';

  it('is blanked from the error when the server echoes it', async () => {
    const { model } = await client([], { apiKey: key, serverKey: 'the-right-one-1' });
    const error = await failure(model.chat(messages));
    expect(error.code).toBe('model_auth');
    expect(error.message).toContain('Incorrect API key provided: ***');
    expect(error.message).not.toContain(key);
  });

  it('is blanked from model output, streamed or not, even split across chunks', async () => {
    const echo: ChatModel = { id: 'fake-model', chat: async () => ({ text: `my key is ${key}, keep it`, finishReason: 'stop' }) };
    const { model } = await client([], { apiKey: key, serverKey: key, model: echo });
    const whole = await model.chat(messages);
    expect(whole.text).toBe('my key is ***, keep it');
    const pieces: string[] = [];
    const streamed = await model.chat(messages, { onToken: (piece) => pieces.push(piece) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe('my key is ***, keep it');
    expect(streamed.text).toBe('my key is ***, keep it');
  });
});
