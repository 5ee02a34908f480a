// The OpenAI-compatible endpoint through the official `openai` client against a real server on 127.0.0.1:0: the
// model list, a JSON completion and a streamed one, both carrying citations (Sources in the content + `citations`).
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type RunningServer, startServer } from '../src/server/start-server.js';
import { mianbaVersion } from '../src/server/version.js';
import { makeTestApp, type TestHome } from './server-helpers.js';

const token = 'test-token-1234';
let extractive: { home: TestHome; server: RunningServer };
let generative: { home: TestHome; server: RunningServer };

async function start(withModel: boolean) {
  const home = await makeTestApp({}, withModel ? { chatModel: new FakeChatModel() } : {});
  const server = await startServer(home.app, { host: '127.0.0.1', port: 0, token, version: mianbaVersion });
  return { home, server };
}

beforeAll(async () => {
  extractive = await start(false);
  generative = await start(true);
});
afterAll(async () => {
  for (const running of [extractive, generative]) {
    await running?.server.close();
    running?.home.cleanup();
  }
});

const clientFor = (server: RunningServer, apiKey = token) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 });

test('lists the knowledge base as a model', async () => {
  const models = await clientFor(extractive.server).models.list();
  expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(['mianba', 'mianba:builtin']));
});

test('JSON completion answers the last user message with Sources and citations', async () => {
  const completion = await clientFor(extractive.server).chat.completions.create({
    model: 'mianba',
    messages: [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'Hi!' },
      { role: 'user', content: 'LoRA 为什么能减少训练参数?' },
    ],
  });
  const content = completion.choices[0]?.message.content ?? '';
  expect(content).toMatch(/\[1\]/);
  expect(content).toMatch(/Sources:\n- \[1\] bank\/chapters\/.+\.yaml:\d+/);
  const citations = (completion as unknown as { citations: { n: number; path: string }[] }).citations;
  expect(citations[0]).toMatchObject({ n: 1, path: expect.stringMatching(/^bank\//) });
});

test('streamed completion from the model carries the tokens, the Sources and the citations', async () => {
  const stream = await clientFor(generative.server).chat.completions.create({
    model: 'mianba',
    stream: true,
    messages: [{ role: 'user', content: 'KV cache 为什么能加速推理' }],
  });
  let content = '';
  let chunks = 0;
  let citations: unknown[] = [];
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    chunks++;
    content += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
    const extra = (chunk as unknown as { citations?: unknown[] }).citations;
    if (extra) citations = extra;
  }
  expect(chunks).toBeGreaterThan(3);
  expect(finish).toBe('stop');
  expect(content).toMatch(/\[1\][\s\S]*Sources:\n- \[1\]/);
  expect(citations.length).toBeGreaterThan(0);
});

test('streamed extractive answer (no model configured)', async () => {
  const stream = await clientFor(extractive.server).chat.completions.create({
    model: 'mianba:builtin',
    stream: true,
    messages: [{ role: 'user', content: '什么是 RLHF' }],
  });
  let content = '';
  for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
  expect(content).toContain('Sources:');
});

test('wrong token is 401 and an unknown model 404, as OpenAI errors', async () => {
  await expect(clientFor(extractive.server, 'wrong-token-0000').models.list()).rejects.toMatchObject({ status: 401 });
  await expect(clientFor(extractive.server).chat.completions.create({ model: 'gpt-4', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
    status: 404,
  });
});
