// The settings API (issue 14 item 4) against the fake OpenAI server on 127.0.0.1: presets, "test connection" with a
// clear result (model and latency, or the error code), saving to the config file the CLI reads (the key stored
// server-side, only ever returned masked), the running server answering with the new model at once, the token rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { HashedNgramEmbedder } from '../src/models/hashed-ngram-embedder.js';
import { makeHttpApp, makeTestApp, type TestHome } from './server-helpers.js';

const key = 'sk-test-settings-key-9876';
const post = (body: unknown, token?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe('settings API', () => {
  let server: FakeServer;
  let home: TestHome;
  let http: ReturnType<typeof makeHttpApp>;
  beforeAll(async () => {
    home = await makeTestApp();
    http = makeHttpApp(home);
    // Builds the bank index now: a 6 s synchronous build later would outlast the fake server's keep-alive sockets.
    await home.app.search({ query: 'warm up' });
    server = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), embedder: new HashedNgramEmbedder(home.app.tools()), apiKey: key });
  }, 120_000);
  afterAll(async () => {
    home?.cleanup();
    await server?.close();
  });

  it('shows the defaults and the six provider presets', async () => {
    const settings = (await (await http.request('/api/settings')).json()) as {
      llm: unknown;
      embed: { provider: string };
      refusalThreshold: number;
      presets: { llm: { name: string }[]; embed: { name: string }[] };
    };
    expect(settings.llm).toBeNull();
    expect(settings.embed.provider).toBe('builtin');
    expect(settings.refusalThreshold).toBe(0.05);
    expect(settings.presets.llm.map((preset) => preset.name)).toEqual(['ollama', 'vllm', 'llama.cpp', 'deepseek', 'qwen', 'openai']);
    expect(settings.presets.embed.map((preset) => preset.name)).toContain('ollama');
  });

  it('tests a connection: model and latency, or the error code with the key redacted', async () => {
    const ok = (await (
      await http.request('/api/settings/test', post({ target: 'llm', baseUrl: server.url, model: 'fake-model', apiKey: key }))
    ).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({ ok: true, model: 'fake-model', latencyMs: expect.any(Number) });
    const embed = (await (await http.request('/api/settings/test', post({ target: 'embed', baseUrl: server.url, model: 'e', apiKey: key }))).json()) as Record<
      string,
      unknown
    >;
    expect(embed).toMatchObject({ ok: true, dimensions: expect.any(Number) });
    const wrongKey = 'sk-wrong-key-presented-1234';
    const denied = await (await http.request('/api/settings/test', post({ target: 'llm', baseUrl: server.url, model: 'fake-model', apiKey: wrongKey }))).text();
    expect(JSON.parse(denied)).toMatchObject({ ok: false, error: { code: 'model_auth' } });
    expect(denied).not.toContain(wrongKey);
    const missing = (await (
      await http.request('/api/settings/test', post({ target: 'llm', baseUrl: server.url, model: 'no-such-model', apiKey: key }))
    ).json()) as {
      error: { code: string };
    };
    expect(missing.error.code).toBe('model_not_found');
    const closed = (await (await http.request('/api/settings/test', post({ target: 'llm', baseUrl: 'http://127.0.0.1:9/v1', model: 'x' }))).json()) as {
      error: { code: string };
    };
    expect(closed.error.code).toBe('model_unavailable');
  });

  it('saves to the config file the CLI reads; the key comes back masked only; the server answers with the model at once', async () => {
    const saved = await http.request('/api/settings', post({ llm: { baseUrl: server.url, model: 'fake-model', apiKey: key }, refusalThreshold: 0.04 }));
    const text = await saved.text();
    expect(saved.status).toBe(200);
    expect(text).not.toContain(key);
    expect(JSON.parse(text)).toMatchObject({ llm: { model: 'fake-model', apiKey: { set: true, masked: '••••9876' } }, refusalThreshold: 0.04 });
    const file = JSON.parse(readFileSync(join(home.home, 'config.json'), 'utf8')) as { llm: { apiKey: string; model: string } };
    expect(file.llm).toMatchObject({ apiKey: key, model: 'fake-model' });
    const cli = await loadConfig({ env: { MIANBA_HOME: home.home } });
    expect(cli.llm?.model).toBe('fake-model');
    expect(cli.retrieval.refusalThreshold).toBe(0.04);

    const status = (await (await http.request('/api/status')).json()) as { llm: { configured: boolean; model: string } };
    expect(status.llm).toEqual({ configured: true, model: 'fake-model' });
    const answer = (await (await http.request('/api/ask', post({ question: 'KV cache 为什么能加速推理?' }))).json()) as { mode: string; model: string };
    expect(answer).toMatchObject({ mode: 'llm', model: 'fake-model' });

    // Saving without a key keeps the stored one; '' removes it.
    await http.request('/api/settings', post({ llm: { baseUrl: server.url, model: 'fake-model' } }));
    expect((JSON.parse(readFileSync(join(home.home, 'config.json'), 'utf8')) as { llm: { apiKey?: string } }).llm.apiKey).toBe(key);
    const tested = (await (await http.request('/api/settings/test', post({ target: 'llm', baseUrl: server.url, model: 'fake-model' }))).json()) as {
      ok: boolean;
    };
    expect(tested.ok).toBe(true);
    await http.request('/api/settings', post({ llm: null }));
    expect((await (await http.request('/api/status')).json()) as object).toMatchObject({ llm: { configured: false } });
  });

  it('refuses bad settings with the field named, keeping the file as it was', async () => {
    const before = readFileSync(join(home.home, 'config.json'), 'utf8');
    const bad = await http.request('/api/settings', post({ llm: { baseUrl: 'ftp://x', model: 'm' } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('baseUrl'),
    });
    const threshold = await http.request('/api/settings', post({ refusalThreshold: 3 }));
    expect(threshold.status).toBe(400);
    expect(readFileSync(join(home.home, 'config.json'), 'utf8')).toBe(before);
  });

  it('needs the server token when one is set', async () => {
    const guarded = makeHttpApp(home, { policy: { host: '127.0.0.1', port: () => undefined, token: 'token-12345678' } });
    expect((await guarded.request('/api/settings')).status).toBe(401);
    expect((await guarded.request('/api/settings', post({ refusalThreshold: 0.1 }))).status).toBe(401);
    expect((await guarded.request('/api/settings', { headers: { authorization: 'Bearer token-12345678' } })).status).toBe(200);
  });
});
