// Topics reach every HTTP client as paths (string[], outermost first), never as text to split: search hits, question
// items (bilingual paths for the bank), drill questions, and the OpenAPI document that describes them. A heading
// that itself contains " > " stays one level from the notes to the response.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeHttpApp, makeTestApp, type TestHome } from './server-helpers.js';

let home: TestHome;
let http: ReturnType<typeof makeHttpApp>;

beforeAll(async () => {
  home = await makeTestApp();
  http = makeHttpApp(home);
  const notes = join(home.home, 'notes');
  mkdirSync(notes);
  writeFileSync(join(notes, 'pipes.md'), '# Shell > Pipes\n\n## Stage\n\n### 管道符后面的命令何时启动?\n\n与前一个命令同时启动,按数据流逐段处理。\n');
  await home.app.ingest({ inputs: [notes], kb: 'shell', cwd: home.home });
}, 120_000);
afterAll(() => home.cleanup());

describe('topic paths over HTTP', () => {
  test('a search hit carries the path of headings, a heading with " > " as one level', async () => {
    const body = await (await http.request(`/api/search?q=${encodeURIComponent('管道符后面的命令何时启动')}&kb=shell&top=1`)).json();
    expect(body.hits[0]).toMatchObject({ question: '管道符后面的命令何时启动?', topic: ['Shell > Pipes', 'Stage'] });
  });

  test('bank hits and bank questions carry bilingual paths of equal depth', async () => {
    const search = await (await http.request('/api/search?q=KV%20cache&top=1')).json();
    const hit = search.hits[0];
    expect(hit.topic.length).toBeGreaterThan(0);
    expect(hit.topic.every((part: unknown) => typeof part === 'string' && part.length > 0)).toBe(true);
    const item = await (await http.request(`/api/questions/${hit.questionId}`)).json();
    expect(item.topic.zh.length).toBe(item.topic.en.length);
    expect(item.topic.zh[0]).toBe(hit.topic[0]);
  });

  test('a user question item and its tree node keep the path as written', async () => {
    const list = await (await http.request('/api/questions?kb=shell')).json();
    expect(list.questions).toHaveLength(1);
    expect(list.questions[0].topic).toEqual(['Shell > Pipes', 'Stage']);
    const tree = await (await http.request('/api/questions/topics')).json();
    const shell = tree.topics.find((node: { zh: string }) => node.zh === 'Shell > Pipes');
    expect(shell).toMatchObject({ count: 1, children: [{ zh: 'Stage', en: 'Stage', count: 1 }] });
  });

  test('a topic filter spans levels in the shown form', async () => {
    const list = await (await http.request(`/api/questions?topic=${encodeURIComponent('pipes > stage')}`)).json();
    expect(list.questions.map((item: { kb: string }) => item.kb)).toEqual(['shell']);
  });

  test('the OpenAPI document describes a hit topic as an array of strings', async () => {
    const document = await (await http.request('/openapi.json')).json();
    const search = document.paths['/api/search'].get.responses['200'].content['application/json'].schema;
    expect(search.properties.hits.items.properties.topic).toEqual({ type: 'array', items: { type: 'string' } });
  });
});
