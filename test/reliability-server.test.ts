// Reliability cases of issue 17 through the real HTTP server on 127.0.0.1:0: a hostile upload is parsed off the
// event loop (the server keeps answering while it ingests), a model that stalls after its first SSE chunk ends the
// stream with a named `model_timeout` event, and {"choices":"nope"} is a 502 model_bad_response, not an empty answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { type RunningServer, startServer } from '../src/server/start-server.js';
import { mianbaVersion } from '../src/server/version.js';
import { makeTestApp, parseSse, type TestHome } from './server-helpers.js';

let model: FakeServer;
let home: TestHome;
let server: RunningServer;

beforeAll(async () => {
  model = await startFakeOpenAiServer({
    model: new FakeChatModel('fake-model'),
    idleMs: 600_000,
    faults: [
      { kind: 'stall', afterChunks: 1 },
      { kind: 'raw', contentType: 'application/json', body: '{"choices":"nope"}' },
    ],
  });
  home = await makeTestApp({}, {}, { llm: { baseUrl: model.url, model: 'fake-model', timeoutMs: 500, maxRetries: 0 } });
  server = await startServer(home.app, { host: '127.0.0.1', port: 0, version: mianbaVersion });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await model?.close();
  home?.cleanup();
});

describe('the server keeps answering', () => {
  it('while a file with a 3,000,000-character run is ingested, /api/status never waits more than a few seconds', async () => {
    const form = new FormData();
    form.append('file', new File([`# 长串\n\n${'的'.repeat(3_000_000)}\n`], 'run.md'));
    form.append('file', new File(['## 什么是键值缓存?\n\n保存 K 和 V。\n'], 'good.md'));
    const upload = fetch(`${server.url}/api/kbs/hostile/documents`, { method: 'POST', body: form });
    let finished = false;
    void upload.finally(() => {
      finished = true;
    });
    const latencies: number[] = [];
    while (!finished) {
      const started = Date.now();
      const response = await fetch(`${server.url}/api/status`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      latencies.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = (await (await upload).json()) as { files: { name: string; outcome: string }[] };
    expect(report.files.map((file) => file.outcome).sort()).toEqual(['added', 'added']);
    expect(latencies.length).toBeGreaterThan(3);
    // Generous for a loaded 2-core machine; before, the server answered nothing for the whole ingest (108 s).
    expect(Math.max(...latencies)).toBeLessThan(5000);
  }, 120_000);
});

describe('model failures over HTTP are named', () => {
  it('a stream that stalls after its first chunk ends with an error event model_timeout', async () => {
    const response = await fetch(`${server.url}/api/ask/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question: 'KV cache 为什么能加速推理' }),
    });
    const events = parseSse(await response.text());
    const last = events.at(-1);
    expect(last?.event).toBe('error');
    expect(JSON.parse(last?.data ?? '{}').error.code).toBe('model_timeout');
  });

  it('{"choices":"nope"} is a 502 model_bad_response, not an empty answer', async () => {
    const response = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'KV cache 为什么能加速推理' }),
    });
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe('model_bad_response');
  });
});
