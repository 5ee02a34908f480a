// The HTTP API through the Hono app's request() with no port: search, ask (JSON and SSE), questions, knowledge bases
// (upload, list, download, delete, re-index), calculators, the error mapping and the OpenAPI document.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { makeHttpApp, makeTestApp, parseSse, type TestHome } from './server-helpers.js';

let home: TestHome;
let http: ReturnType<typeof makeHttpApp>;

beforeAll(async () => {
  home = await makeTestApp();
  http = makeHttpApp(home);
});
afterAll(() => home.cleanup());

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('search and ask', () => {
  test('search returns ranked hits with sources, and the trace on request', async () => {
    const response = await http.request('/api/search?q=KV%20cache&top=3&explain=1');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.hits).toHaveLength(3);
    expect(body.hits[0]).toMatchObject({ rank: 1, kb: 'builtin', path: expect.stringMatching(/^bank\/chapters\//) });
    expect(body.hits[0].unitId).toBeUndefined();
    expect(body.trace.length).toBeGreaterThan(0);
  });

  test('ask answers a Chinese question with citations (JSON)', async () => {
    const response = await http.request('/api/ask', json({ question: '多头注意力为什么要用多个头', explain: true }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.refused).toBe(false);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.answer).toMatch(/\[1\]/);
    expect(body.trace.length).toBeGreaterThan(0);
  });

  test('ask streams token events from the model, then done with citations (SSE)', async () => {
    const withModel = await makeTestApp({}, { chatModel: new FakeChatModel() });
    try {
      const response = await makeHttpApp(withModel).request('/api/ask/stream', json({ question: 'KV cache 为什么能加速推理' }));
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      const events = parseSse(await response.text());
      const tokens = events.filter((event) => event.event === 'token').map((event) => JSON.parse(event.data).text);
      expect(tokens.length).toBeGreaterThan(1);
      const done = events.find((event) => event.event === 'done');
      const answer = JSON.parse(done?.data ?? '{}');
      expect(answer.mode).toBe('llm');
      expect(answer.citations.length).toBeGreaterThan(0);
      expect(tokens.join('')).toContain('[1]');
    } finally {
      withModel.cleanup();
    }
  });

  test('ask without a model streams the extractive answer in one done event', async () => {
    const events = parseSse(await (await http.request('/api/ask/stream', json({ question: 'LoRA 的原理是什么' }))).text());
    expect(events.at(-1)?.event).toBe('done');
    expect(JSON.parse(events.at(-1)?.data ?? '{}').mode).toBe('extractive');
  });
});

describe('questions', () => {
  test('lists questions by topic and filters as you type', async () => {
    const all = await (await http.request('/api/questions')).json();
    expect(all.total).toBeGreaterThan(100);
    const filtered = await (await http.request(`/api/questions?q=${encodeURIComponent('LoRA')}`)).json();
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.total).toBeLessThan(all.total);
  });

  test('the topic tree counts every question', async () => {
    const body = await (await http.request('/api/questions/topics')).json();
    const sum = body.topics.reduce((total: number, node: { count: number }) => total + node.count, 0);
    expect(sum).toBe(body.total);
    expect(body.topics[0]).toMatchObject({ zh: expect.any(String), en: expect.any(String), children: expect.any(Array) });
  });

  test('one question with answer, key points and sources; unknown id is a 404', async () => {
    const { questions } = await (await http.request('/api/questions?limit=1')).json();
    const item = await (await http.request(`/api/questions/${questions[0].id}`)).json();
    expect(item).toMatchObject({ id: questions[0].id, keyPoints: expect.any(Array), sources: expect.any(Array) });
    const missing = await http.request('/api/questions/no-such-question');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('no-such-question') } });
  });
});

describe('knowledge bases', () => {
  const note = '# 推理服务\n\n## 什么是投机解码(speculative decoding)?\n\n小模型先起草多个词元,大模型一次前向并行验证,接受的前缀直接输出。\n';

  test('upload, list, find in search, download, re-index and delete', async () => {
    const form = new FormData();
    form.append('file', new File([note], 'serving.md', { type: 'text/markdown' }));
    const uploaded = await http.request('/api/kbs/notes/documents', { method: 'POST', body: form });
    expect(uploaded.status).toBe(200);
    const report = await uploaded.json();
    expect(report.files[0]).toMatchObject({ outcome: 'added', name: 'uploads/notes/serving.md', questions: 1 });

    const kbs = await (await http.request('/api/kbs')).json();
    expect(kbs.kbs.map((kb: { name: string }) => kb.name)).toContain('notes');
    const shown = await (await http.request('/api/kbs/notes')).json();
    expect(shown.documents[0]).toMatchObject({ id: report.files[0].id, questions: 1, uploaded: true });

    const search = await (await http.request(`/api/search?q=${encodeURIComponent('投机解码')}&kb=notes`)).json();
    expect(search.hits[0].text).toContain('小模型先起草');

    const file = await http.request(`/api/kbs/notes/documents/${report.files[0].id}/file`);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await file.text()).toBe(note);

    const reindexed = await (await http.request('/api/kbs/notes/reindex', { method: 'POST' })).json();
    // Re-parsed in place, one document per transaction: the document is updated, never deleted first.
    expect(reindexed.files[0].outcome).toBe('updated');
    expect((await (await http.request('/api/kbs/notes')).json()).documents).toHaveLength(1);
    const reembedded = await http.request('/api/kbs/notes/reindex?mode=re-embed', { method: 'POST' });
    expect(reembedded.status).toBe(200);
    expect((await (await http.request('/api/kbs/notes')).json()).summary.units).toBeGreaterThan(0);
    expect((await http.request('/api/kbs/notes/reindex?mode=rebuild', { method: 'POST' })).status).toBe(400);

    const removed = await http.request(`/api/kbs/notes/documents/${report.files[0].id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect((await (await http.request('/api/kbs/notes')).json()).documents).toHaveLength(0);
    expect((await http.request('/api/kbs/notes', { method: 'DELETE' })).status).toBe(200);
    expect((await http.request('/api/kbs/notes')).status).toBe(404);
  });

  test('upload progress streams one file event per file, then done', async () => {
    const form = new FormData();
    form.append('file', new File([note], 'a.md'));
    form.append('file', new File(['没有问题的普通段落。'], 'b.txt'));
    const response = await http.request('/api/kbs/progress/documents', { method: 'POST', body: form, headers: { accept: 'text/event-stream' } });
    const events = parseSse(await response.text());
    expect(events.filter((event) => event.event === 'file')).toHaveLength(2);
    expect(JSON.parse(events.at(-1)?.data ?? '{}').counts.added).toBe(2);
  });

  test('rejects unsupported types and the read-only built-in knowledge base', async () => {
    const form = new FormData();
    form.append('file', new File(['MZ'], 'tool.exe'));
    const rejected = await http.request('/api/kbs/notes2/documents', { method: 'POST', body: form });
    expect(rejected.status).toBe(415);
    expect((await rejected.json()).error.code).toBe('unsupported_format');
    const builtin = new FormData();
    builtin.append('file', new File([note], 'x.md'));
    expect((await http.request('/api/kbs/builtin/documents', { method: 'POST', body: builtin })).status).toBe(400);
  });
});

describe('practice', () => {
  test('drill: next question without its answer, grade without side effects, record with an override, stats', async () => {
    const next = await (await http.request('/api/drill/next')).json();
    expect(next.question).toMatchObject({ id: expect.any(String), hints: expect.any(Array), card: null });
    expect(next.question.answer).toBeUndefined();
    expect(next.fresh).toBeGreaterThan(0);
    const { id } = next.question;
    const item = await (await http.request(`/api/questions/${id}`)).json();
    const answer = item.keyPoints.map((point: { zh: string }) => point.zh).join('。');
    const graded = await (await http.request('/api/drill/grade', json({ id, answer }))).json();
    expect(graded.grade.score).toBeGreaterThan(2);
    expect(graded.grade.covered.length).toBeGreaterThan(0);
    expect(graded.item.id).toBe(id);
    expect((await (await http.request('/api/stats')).json()).totals.reviews).toBe(0);
    const recorded = await (await http.request('/api/drill/record', json({ id, answer, rating: 'hard' }))).json();
    expect(recorded).toMatchObject({ rating: 'hard', proposed: graded.grade.rating, state: expect.any(String) });
    const stats = await (await http.request('/api/stats')).json();
    expect(stats.totals.reviews).toBe(1);
    expect(stats.forecast).toHaveLength(14);
    expect(stats.reviewsPerDay.at(-1).reviews).toBe(1);
    const again = await (await http.request(`/api/drill/next?skip=${id}`)).json();
    expect(again.question.id).not.toBe(id);
  });

  test('a hint caps the rating at hard; unknown ids are 404', async () => {
    const { question } = await (await http.request('/api/drill/next')).json();
    const recorded = await (await http.request('/api/drill/record', json({ id: question.id, answer: 'x', hinted: true, rating: 'easy' }))).json();
    expect(recorded.rating).toBe('hard');
    expect((await http.request('/api/drill/grade', json({ id: 'nope', answer: 'x' }))).status).toBe(404);
  });

  test('mock interview: a plan across topics, then the report of the answers given', async () => {
    const { questions } = await (await http.request('/api/mock/questions?n=3')).json();
    expect(questions).toHaveLength(3);
    expect(new Set(questions.map((question: { id: string }) => question.id)).size).toBe(3);
    const entries = [
      { id: questions[0].id, answer: '不太清楚', durationMs: 30_000 },
      { id: questions[1].id, skipped: true },
    ];
    const response = await http.request('/api/mock/report', json({ minutes: 10, startedAt: new Date().toISOString(), unasked: 1, entries }));
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.rows).toHaveLength(2);
    expect(report.rows[1]).toMatchObject({ skipped: true, score: 0 });
    expect(report.unasked).toBe(1);
    expect(report.meanScore).not.toBeNull();
  });
});

describe('calculators', () => {
  test('inference, training and compute', async () => {
    const inference = await (await http.request('/api/calc/inference', json({ model: 'llama-2-7b', dtype: 'fp16', context: '4k' }))).json();
    expect(inference.totalBytes).toBeGreaterThan(13e9);
    expect(inference.gpus.length).toBeGreaterThan(0);
    const training = await (await http.request('/api/calc/training', json({ model: 'llama-2-7b', method: 'lora', gpu: 'a100-80g' }))).json();
    expect(training.verdicts[0].fits).toBe(true);
    const compute = await (await http.request('/api/calc/compute', json({ model: 'llama-2-7b', tokens: '2T', gpus: 8 }))).json();
    expect(compute.trainingFlops).toBeGreaterThan(1e22);
    const presets = await (await http.request('/api/calc/presets')).json();
    expect(presets.models.length).toBeGreaterThan(3);
  });

  test('bad input names the field in API terms', async () => {
    const response = await http.request('/api/calc/inference', json({ model: 'no-such-model' }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/unknown model "no-such-model"/);
    const typed = await http.request('/api/calc/training', json({ model: 'llama-2-7b', targets: 'q,zz' }));
    expect((await typed.json()).error).toEqual({ code: 'invalid_input', message: expect.stringContaining('targets') });
  });
});

describe('errors and the OpenAPI document', () => {
  test('one error shape: unknown route, invalid body, invalid JSON, wrong content type', async () => {
    const unknown = await http.request('/api/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const invalid = await http.request('/api/ask', json({ question: '' }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toEqual({ code: 'invalid_input', message: expect.stringMatching(/^body\.question/) });
    const broken = await http.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question": ' });
    expect(broken.status).toBe(400);
    const text = await http.request('/api/ask', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(text.status).toBe(400);
    for (const response of [unknown, invalid, broken]) expect(JSON.stringify(response)).not.toMatch(/at .*\.ts:\d+/);
  });

  test('bad query parameters are 400 invalid_input', async () => {
    const response = await http.request('/api/search?q=x&top=0');
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/^query\.top/);
  });

  test('the status reports the package version and no secret', async () => {
    const status = await (await http.request('/api/status')).json();
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(status).toEqual({ name: 'mianba', version: pkg.version, defaultKb: 'default', maxFileMb: 50, llm: { configured: false } });
  });

  test('/openapi.json is valid JSON describing every API path', async () => {
    const response = await http.request('/openapi.json');
    const document = JSON.parse(await response.text());
    expect(document.openapi).toBe('3.1.0');
    for (const path of [
      '/api/search',
      '/api/ask',
      '/api/ask/stream',
      '/api/questions/{id}',
      '/api/kbs/{kb}/documents',
      '/api/calc/inference',
      '/v1/chat/completions',
    ])
      expect(Object.keys(document.paths)).toContain(path);
    const ask = document.paths['/api/ask'].post;
    expect(ask.requestBody.content['application/json'].schema.properties.question.type).toBe('string');
    expect(ask.responses['200'].content['application/json'].schema.properties.citations.type).toBe('array');
    expect(document.paths['/api/search'].get.parameters.find((parameter: { name: string }) => parameter.name === 'q').required).toBe(true);
  });
});
