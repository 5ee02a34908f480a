// `--no-llm` (useLlm: false) never calls a language model, even when retrieval.reranker is "llm": counted on a fake
// OpenAI-compatible server on 127.0.0.1. The control shows the same setup does call it when a model is allowed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';

let server: FakeServer;
let app: App;
let home: string;
const chatRequests = () => server.requests.filter((request) => request.path === '/v1/chat/completions').length;

beforeAll(async () => {
  server = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model') });
  home = mkdtempSync(join(tmpdir(), 'mianba-no-llm-'));
  writeFileSync(join(home, 'config.json'), JSON.stringify({ llm: { baseUrl: server.url, model: 'fake-model' }, retrieval: { reranker: 'llm' } }));
  app = createApp(await loadConfig({ env: { MIANBA_HOME: home } }));
});
afterAll(async () => {
  app?.close();
  await server?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('--no-llm with retrieval.reranker=llm', () => {
  it('answers extractively without a single request to the model', async () => {
    expect(app.config.retrieval.reranker).toBe('llm');
    const result = await app.ask({ question: 'KV cache 为什么能加速推理', kb: 'builtin', useLlm: false });
    expect(result.mode).toBe('extractive');
    expect(result.refused).toBe(false);
    expect(result.citations[0]?.path).toMatch(/^bank\//);
    expect(chatRequests()).toBe(0);
  });

  it('search with useLlm false does not call it either', async () => {
    const result = await app.search({ query: 'LoRA 的原理', kb: 'builtin', useLlm: false });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(chatRequests()).toBe(0);
  });

  it('while the same app with a model allowed does call it (the server is really wired)', async () => {
    const result = await app.ask({ question: 'KV cache 为什么能加速推理', kb: 'builtin' });
    expect(result.mode).toBe('llm');
    expect(chatRequests()).toBeGreaterThan(0);
  });
});
