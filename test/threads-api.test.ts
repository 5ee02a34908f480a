// Server-side conversations (issue 14 item 2) through the HTTP API: threads in SQLite with every turn's answer and
// citations, rename, delete, export as Markdown, import of the browser's old history, multi-turn context sent to a
// model (the fake OpenAI server on 127.0.0.1), regenerate, and Stop, which must end the model request on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { startServer } from '../src/server/start-server.js';
import { mianbaVersion } from '../src/server/version.js';
import { makeHttpApp, makeTestApp, parseSse, type TestHome } from './server-helpers.js';

type Hono = ReturnType<typeof makeHttpApp>;
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function askIn(http: Hono, id: string, question: string, extra: object = {}) {
  const response = await http.request(`/api/threads/${id}/ask/stream`, json({ question, ...extra }));
  expect(response.status).toBe(200);
  const events = parseSse(await response.text());
  const done = events.find((event) => event.event === 'done');
  if (!done) throw new Error(`no done event: ${JSON.stringify(events)}`);
  return JSON.parse(done.data) as { answer: string; mode: string; citations: { path: string; questionId: string | null }[]; thread: { turns: number } };
}

describe('conversations without a model (extractive)', () => {
  let home: TestHome;
  let http: Hono;
  beforeAll(async () => {
    home = await makeTestApp();
    http = makeHttpApp(home);
  }, 120_000);
  afterAll(() => home?.cleanup());

  it('stores every turn with its answer and citations; lists, renames, exports and deletes', async () => {
    const created = (await (await http.request('/api/threads', json({ title: 'KV cache' }))).json()) as { id: string };
    const first = await askIn(http, created.id, 'KV cache 为什么能加速推理?');
    expect(first.mode).toBe('extractive');
    expect(first.thread.turns).toBe(1);
    expect(first.citations[0]?.questionId).toEqual(expect.any(String));
    await askIn(http, created.id, 'LoRA 的初始化为什么 B 为零?');
    const thread = (await (await http.request(`/api/threads/${created.id}`)).json()) as { items: { question: string; answer: string; citations: unknown[] }[] };
    expect(thread.items.map((item) => item.question)).toEqual(['KV cache 为什么能加速推理?', 'LoRA 的初始化为什么 B 为零?']);
    expect(thread.items.every((item) => item.answer.length > 20 && item.citations.length > 0)).toBe(true);

    const renamed = await http.request(`/api/threads/${created.id}/rename`, json({ title: '推理加速' }));
    expect(((await renamed.json()) as { title: string }).title).toBe('推理加速');
    const list = (await (await http.request('/api/threads')).json()) as { threads: { id: string; title: string; turns: number }[] };
    expect(list.threads).toEqual([expect.objectContaining({ id: created.id, title: '推理加速', turns: 2 })]);

    const exported = await http.request(`/api/threads/${created.id}/export?lang=zh`);
    expect(exported.headers.get('content-type')).toContain('text/markdown');
    const markdown = await exported.text();
    expect(markdown).toMatch(/^# 推理加速\n/);
    expect(markdown).toContain('## KV cache 为什么能加速推理?');
    expect(markdown).toMatch(/来源:\n- \[1\] bank\/chapters\/.+\.yaml:\d+/);

    expect((await http.request(`/api/threads/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await http.request(`/api/threads/${created.id}`)).status).toBe(404);
    expect((await http.request(`/api/threads/${created.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('imports the old browser history as one thread, and refuses bad input with a code', async () => {
    const imported = await http.request(
      '/api/threads',
      json({ turns: [{ question: '什么是 RoPE?', answer: '旋转位置编码 [1]', mode: 'extractive', refused: false, citations: [] }] }),
    );
    const summary = (await imported.json()) as { id: string; title: string; turns: number };
    expect(summary).toMatchObject({ title: '什么是 RoPE?', turns: 1 });
    const bad = await http.request(`/api/threads/${summary.id}/rename`, json({ title: '   ' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    expect((await http.request('/api/threads/not-an-id')).status).toBe(400);
    const missing = await http.request('/api/threads/00000000-0000-0000-0000-000000000000/ask/stream', json({ question: 'x' }));
    expect(missing.status).toBe(404);
  });
});

describe('conversations with a model (fake OpenAI server)', () => {
  let server: FakeServer;
  let home: TestHome;
  let http: Hono;
  const signals: AbortSignal[] = [];
  beforeAll(async () => {
    server = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), faults: [] });
    home = await makeTestApp(
      { MIANBA_LLM_BASE_URL: server.url, MIANBA_LLM_MODEL: 'fake-model' },
      {
        fetch: (input, init) => {
          if (init?.signal) signals.push(init.signal);
          return fetch(input, init);
        },
      },
    );
    http = makeHttpApp(home);
  }, 120_000);
  afterAll(async () => {
    home?.cleanup();
    await server?.close();
  });

  const chatRequests = () => server.requests.filter((request) => request.path === '/v1/chat/completions');

  it('sends earlier turns to the model as messages, and regenerate replaces only the last answer', async () => {
    const { id } = (await (await http.request('/api/threads', json({ title: 't' }))).json()) as { id: string };
    const first = await askIn(http, id, 'KV cache 为什么能加速推理?');
    expect(first.mode).toBe('llm');
    await askIn(http, id, '它的显存怎么估算?');
    const sent = chatRequests().at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(sent.messages[1]?.content).toBe('KV cache 为什么能加速推理?');
    expect(sent.messages[2]?.content).not.toMatch(/\[\d\]/);

    const before = chatRequests().length;
    const response = await http.request(`/api/threads/${id}/regenerate/stream`, json({}));
    expect(parseSse(await response.text()).some((event) => event.event === 'done')).toBe(true);
    expect(chatRequests().length).toBe(before + 1);
    const regenerated = chatRequests().at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(regenerated.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const thread = (await (await http.request(`/api/threads/${id}`)).json()) as { items: { question: string; mode: string }[] };
    expect(thread.items.map((item) => item.question)).toEqual(['KV cache 为什么能加速推理?', '它的显存怎么估算?']);
    expect(thread.items.every((item) => item.mode === 'llm')).toBe(true);
  });

  it('the extractive choice (useLlm false) answers on its own: nothing goes to the model', async () => {
    const { id } = (await (await http.request('/api/threads', json({ title: 'offline' }))).json()) as { id: string };
    const before = chatRequests().length;
    const answer = await askIn(http, id, 'KV cache 为什么能加速推理?', { useLlm: false });
    expect(answer.mode).toBe('extractive');
    expect(chatRequests().length).toBe(before);
  });

  it('Stop ends the model request on the server and keeps the partial answer as stopped', async () => {
    const running = await startServer(home.app, { host: '127.0.0.1', port: 0, version: mianbaVersion });
    try {
      const { id } = (await (await fetch(`${running.url}/api/threads`, json({ title: 'stop' }))).json()) as { id: string };
      const stalling = await startFakeOpenAiServer({ model: new FakeChatModel('fake-model'), faults: [{ kind: 'stall', afterChunks: 2 }] });
      home.app.reconfigure({ ...home.app.config, llm: { ...(home.app.config.llm as NonNullable<typeof home.app.config.llm>), baseUrl: stalling.url } });
      try {
        const controller = new AbortController();
        const response = await fetch(`${running.url}/api/threads/${id}/ask/stream`, {
          ...json({ question: 'KV cache 为什么能加速推理?' }),
          signal: controller.signal,
        });
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        let text = '';
        while (!text.includes('event: token')) text += new TextDecoder().decode((await reader.read()).value);
        const modelSignal = signals.at(-1) as AbortSignal;
        expect(modelSignal.aborted).toBe(false);
        controller.abort();
        const deadline = Date.now() + 5000;
        while (!modelSignal.aborted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(modelSignal.aborted).toBe(true);
        let thread: { items: { status: string; answer: string }[] } = { items: [] };
        while (thread.items.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          thread = (await (await fetch(`${running.url}/api/threads/${id}`)).json()) as typeof thread;
        }
        expect(thread.items[0]?.status).toBe('stopped');
        expect(thread.items[0]?.answer.length).toBeGreaterThan(0);
      } finally {
        await stalling.close();
      }
    } finally {
      await running.close();
    }
  });
});
