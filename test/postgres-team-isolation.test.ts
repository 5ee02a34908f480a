// A team server (PostgreSQL, personal tokens): user B cannot read or change user A's data through ANY route. The
// routes are enumerated from /openapi.json (generated from the route table), so a new route is covered without
// editing this test: each is called as B with every parameter aimed at A's private knowledge base, conversation,
// question, document and mock; no answer may contain A's data and A's data must be unchanged afterwards. Also:
// requests without a valid personal token are refused, shared knowledge bases are readable by everyone, only an
// admin manages users and shared knowledge bases, and MCP obeys the same rules.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHttpApp, makeTestApp, type TestHome } from './server-helpers.js';
import { lazyPgDatabases } from './support/pg-cluster.js';

const databases = lazyPgDatabases('team');
let home: TestHome;
let http: Hono;
const tokens: Record<'alice' | 'bob' | 'root', string> = { alice: '', bob: '', root: '' };
/** What A owns. B's requests name A's ids and the word `secret`; `private` holds text only A's data contains. */
const a = { kb: 'alice-notes', thread: '', mock: '', question: '', document: '', secret: 'Quillfeather', title: '爱丽丝的私密对话', answer: 'AliceOnlyAnswer' };
const privateText = ['虚构的滑窗注意力', a.title, a.answer];

type Who = keyof typeof tokens;
async function call(who: Who | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const auth: Record<string, string> = who ? { authorization: `Bearer ${tokens[who]}` } : {};
  const init: RequestInit = { method: method.toUpperCase(), headers: { ...auth, ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...auth, ...headers, 'content-type': 'application/json' };
  }
  return http.request(path, init);
}
async function json<T>(who: Who, method: string, path: string, body?: unknown): Promise<T> {
  const response = await call(who, method, path, body);
  if (response.status !== 200) throw new Error(`${method} ${path} as ${who}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
function upload(name: string, text: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/markdown' }), name);
  return form;
}

/** Everything A can see of A's own data; must read the same before and after B's attempts. */
async function snapshotOfA(): Promise<unknown> {
  const kbs = await json<{ kbs: unknown[] }>('alice', 'get', '/api/kbs');
  const kb = await json<unknown>('alice', 'get', `/api/kbs/${a.kb}`);
  const stats = await json<{ totals: unknown; topics: unknown }>('alice', 'get', '/api/stats');
  const mocks = await json<unknown>('alice', 'get', '/api/mock/history');
  const threads = await json<unknown>('alice', 'get', '/api/threads');
  const thread = await json<unknown>('alice', 'get', `/api/threads/${a.thread}`);
  const search = await json<{ hits: unknown[] }>('alice', 'get', `/api/search?q=${a.secret}&kb=${a.kb}`);
  return { kbs, kb, totals: stats.totals, topics: stats.topics, mocks, threads, thread, hits: search.hits.length };
}

beforeAll(async () => {
  home = await makeTestApp({ MIANBA_DATABASE_URL: await databases.next() });
  http = makeHttpApp(home);
  for (const [name, role] of [
    ['alice', 'member'],
    ['bob', 'member'],
    ['root', 'admin'],
  ] as const)
    tokens[name] = (await home.app.users().add(name, role)).token;
  // A's private knowledge base, practice (a review and a mock) and conversation; the admin's shared knowledge base.
  const note = `# 注意力\n\n## 什么是 ${a.secret} 注意力?\n\n${a.secret} 注意力只让每个 token 看前 5 个 token,是虚构的滑窗注意力。\n`;
  await json('alice', 'post', `/api/kbs/${a.kb}/documents`, upload('quill.md', note));
  await json('root', 'post', '/api/kbs/team/documents', upload('shared.md', '# 共享\n\n## 什么是 Zephyrine 缓存?\n\nZephyrine 缓存是团队共享的虚构概念。\n'));
  const questions = await json<{ questions: { id: string }[] }>('alice', 'get', `/api/questions?kb=${a.kb}`);
  a.question = questions.questions[0]?.id ?? '';
  const documents = await json<{ documents: { id: string }[] }>('alice', 'get', `/api/kbs/${a.kb}`);
  a.document = documents.documents[0]?.id ?? '';
  await json('alice', 'post', '/api/drill/record', { id: a.question, answer: a.answer, rating: 'good' });
  await json('alice', 'post', '/api/drill/record', { id: 'kv-cache-what-is', answer: a.answer, rating: 'hard' });
  const mock = await json<{ id: string }>('alice', 'post', '/api/mock/report', {
    minutes: 10,
    startedAt: new Date().toISOString(),
    entries: [{ id: a.question, answer: a.answer, durationMs: 1000 }],
  });
  a.mock = mock.id;
  const thread = await json<{ id: string }>('alice', 'post', '/api/threads', { title: a.title });
  a.thread = thread.id;
}, 240_000);

afterAll(async () => {
  await home?.app.close();
  home?.cleanup();
  await databases.stop();
});

/** A value for one JSON-schema node, aimed at A's data wherever a name says what it is. */
function valueFor(name: string, schema: Record<string, unknown>, path: string): unknown {
  if (name === 'kb') return a.kb;
  if (name === 'id')
    return path.includes('/threads') ? a.thread : path.includes('/mock/history') ? a.mock : path.includes('/documents') ? a.document : a.question;
  if (name === 'name') return 'alice';
  if (name === 'path') return 'quill.md';
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const options = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (options?.[0]) return valueFor(name, options[0], path);
  switch (schema.type) {
    case 'object':
      return objectFor(schema, path);
    case 'array':
      return [valueFor(name, (schema.items as Record<string, unknown>) ?? {}, path)];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? Math.max(1, schema.minimum) : 1;
    case 'boolean':
      return false;
    default:
      return schema.format === 'date-time' ? new Date().toISOString() : `${a.secret} 注意力是什么?`;
  }
}
function objectFor(schema: Record<string, unknown>, path: string): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, valueFor(key, child, path)]));
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
}

describe('a team server keeps each person to their own data', () => {
  it('refuses requests without a valid personal token (the shared --token does not apply)', async () => {
    expect((await call(undefined, 'get', '/api/kbs')).status).toBe(401);
    const wrong = await http.request('/api/kbs', { headers: { authorization: 'Bearer mb_not-a-real-token' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('user B cannot read or change anything of user A through any route of the API', async () => {
    const before = await snapshotOfA();
    const document = await json<{ paths: Record<string, Record<string, Operation>> }>('bob', 'get', '/openapi.json');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    const statuses: string[] = [];
    for (const { path, method, operation } of operations) {
      const parameters = operation.parameters ?? [];
      const url =
        path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(String(valueFor(name, {}, path)))) +
        (parameters.some((parameter) => parameter.in === 'query')
          ? `?${new URLSearchParams(
              parameters
                .filter((parameter) => parameter.in === 'query' && ['kb', 'id', 'q', 'path', 'question'].includes(parameter.name))
                .map((parameter) => [parameter.name, String(valueFor(parameter.name, parameter.schema, path))]),
            )}`
          : '');
      const content = operation.requestBody?.content ?? {};
      const body = content['multipart/form-data']
        ? upload('quill.md', `# 篡改\n\n## ${a.secret} 被 B 改写了吗?\n\n是的。\n`)
        : content['application/json']
          ? objectFor(content['application/json'].schema, path)
          : undefined;
      const response = await call('bob', method, url, body);
      const text = await response.text();
      for (const marker of privateText) if (text.includes(marker)) leaks.push(`${method} ${url} -> ${marker}`);
      // Aimed at A's knowledge base, conversation, question, document or mock (a path parameter or ?kb): refused.
      const aimed = /\{(kb|id)\}/.test(path) || url.includes(`kb=${a.kb}`) || (body !== undefined && !(body instanceof FormData) && body.kb === a.kb);
      // A stream has already answered 200 when the error comes: it arrives as an `error` event with the code.
      const refused = [400, 403, 404].includes(response.status) || /event: error\ndata: .*"code":"(not_found|forbidden|invalid_input)"/.test(text);
      if (aimed && !refused) statuses.push(`${method} ${url} -> ${response.status}`);
    }
    expect(leaks).toEqual([]);
    expect(statuses).toEqual([]);
    expect(await snapshotOfA()).toEqual(before);
  }, 600_000);

  it('MCP answers B from shared knowledge only', async () => {
    const request = (method: string, params: unknown) =>
      call('bob', 'post', '/mcp', { jsonrpc: '2.0', id: 1, method, params }, { accept: 'application/json, text/event-stream' });
    const tools = (await (await request('tools/list', {})).json()) as { result: { tools: { name: string }[] } };
    expect(tools.result.tools.map((tool) => tool.name)).toContain('search');
    const aimed = await (await request('tools/call', { name: 'search', arguments: { query: `${a.secret} 注意力`, kb: a.kb } })).text();
    const anywhere = await (await request('tools/call', { name: 'search', arguments: { query: `${a.secret} 注意力` } })).text();
    expect(aimed).not.toContain('滑窗注意力');
    expect(anywhere).not.toContain('滑窗注意力');
  });

  it('shared knowledge bases are readable by everyone; A sees their own private one, nobody else does', async () => {
    for (const who of ['alice', 'bob', 'root'] as const) {
      const found = await json<{ hits: { question: string | null }[] }>(who, 'get', '/api/search?q=Zephyrine 缓存&kb=team');
      expect(found.hits[0]?.question).toBe('什么是 Zephyrine 缓存?');
      const kbs = await json<{ kbs: { name: string }[] }>(who, 'get', '/api/kbs');
      expect(kbs.kbs.map((kb) => kb.name).includes(a.kb)).toBe(who === 'alice');
    }
    expect((await call('root', 'get', `/api/kbs/${a.kb}`)).status).toBe(404);
  });

  it('only an admin manages users, shared knowledge bases and the server settings', async () => {
    expect((await call('bob', 'get', '/api/users')).status).toBe(403);
    expect((await call('bob', 'post', '/api/users', { name: 'mallory', role: 'admin' })).status).toBe(403);
    expect((await call('bob', 'delete', '/api/users/alice')).status).toBe(403);
    expect((await call('bob', 'delete', '/api/kbs/team')).status).toBe(403);
    expect((await call('bob', 'post', '/api/settings', {})).status).toBe(403);
    expect((await call('bob', 'post', '/api/kbs/team/documents', upload('x.md', '# x\n\n## y?\n\nz\n'))).status).toBe(403);
    const users = await json<{ users: { name: string; role: string }[] }>('root', 'get', '/api/users');
    expect(users.users.map((user) => `${user.name}:${user.role}`)).toEqual(['alice:member', 'bob:member', 'root:admin']);
    const added = await json<{ token: string }>('root', 'post', '/api/users', { name: 'carol' });
    const asCarol = await http.request('/api/kbs', { headers: { authorization: `Bearer ${added.token}` } });
    expect(asCarol.status).toBe(200);
    await json('root', 'delete', '/api/users/carol');
    expect((await http.request('/api/kbs', { headers: { authorization: `Bearer ${added.token}` } })).status).toBe(401);
  });
});
