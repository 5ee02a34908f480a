// Security of the server: no start on a non-loopback host without a token (exit 2), Host/Origin checks against DNS
// rebinding, the bearer token, body limits (413), upload names and document ids that try to escape, static-file
// traversal, uploaded HTML served inert, and the LLM API key never in any response.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeChatModel } from '../src/models/fake-chat-model.js';
import { type FakeServer, startFakeOpenAiServer } from '../src/models/fake-openai-server.js';
import { isAllowedHost, isAllowedOrigin } from '../src/server/security.js';
import { type RunningServer, startServer } from '../src/server/start-server.js';
import { mianbaVersion } from '../src/server/version.js';
import { makeHttpApp, makeTestApp, parseSse, type TestHome } from './server-helpers.js';

const bin = fileURLToPath(new URL('../bin/mianba.js', import.meta.url));
const token = 'sekrit-token-42';
let home: TestHome;
let server: RunningServer;

beforeAll(async () => {
  home = await makeTestApp({}, {}, { maxFileMb: 0.05 });
  server = await startServer(home.app, { host: '127.0.0.1', port: 0, token, version: mianbaVersion });
});
afterAll(async () => {
  await server?.close();
  home?.cleanup();
});

/** A raw HTTP request to the test server with full control of the headers (Host included). */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers }, (response) => {
      let data = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        data += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: data }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const auth = { authorization: `Bearer ${token}` };

describe('binding', () => {
  test('refuses a non-loopback host without --token: clear error, exit 2, nothing listens', async () => {
    const run = promisify(execFile)(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--port', '0'], {
      env: { MIANBA_HOME: home.home, PATH: process.env.PATH ?? '' },
    });
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without --token/);
  });

  test('the in-process start refuses too', async () => {
    await expect(startServer(home.app, { host: '0.0.0.0', port: 0, version: mianbaVersion })).rejects.toMatchObject({ code: 'usage' });
  });
});

describe('Host and Origin (DNS rebinding)', () => {
  test('foreign or wrong-port Host headers are 403; loopback names on the right port pass', async () => {
    expect((await raw('/api/status', { host: 'evil.example', ...auth })).status).toBe(403);
    expect((await raw('/api/status', { host: `evil.example:${server.port}`, ...auth })).status).toBe(403);
    expect((await raw('/api/status', { host: `localhost:${server.port + 1}`, ...auth })).status).toBe(403);
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`])
      expect((await raw('/api/status', { host, ...auth })).status).toBe(200);
    const body = JSON.parse((await raw('/api/status', { host: 'evil.example', ...auth })).body);
    expect(body).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('DNS rebinding') } });
  });

  test('cross-site Origins are 403 (also for static files)', async () => {
    const host = `127.0.0.1:${server.port}`;
    expect((await raw('/api/status', { host, origin: 'http://evil.example', ...auth })).status).toBe(403);
    expect((await raw('/api/status', { host, origin: 'null', ...auth })).status).toBe(403);
    expect((await raw('/api/status', { host, origin: `http://localhost:${server.port}`, ...auth })).status).toBe(200);
  });

  test('in-process: a wrong Host header is refused', async () => {
    const response = await makeHttpApp(home).request('/api/status', { headers: { host: 'attacker.example' } });
    expect(response.status).toBe(403);
  });

  test('pure checks', () => {
    const policy = { host: '127.0.0.1', token: undefined, port: () => 8848 };
    expect(isAllowedHost('localhost:8848', policy)).toBe(true);
    expect(isAllowedHost('localhost', policy)).toBe(false);
    expect(isAllowedHost('127.0.0.1.evil.example:8848', policy)).toBe(false);
    expect(isAllowedOrigin('https://localhost:8848', policy)).toBe(false);
    expect(isAllowedHost('192.168.1.5:8848', { ...policy, host: '192.168.1.5' })).toBe(true);
  });
});

describe('token', () => {
  test('API, OpenAI and MCP paths need the bearer token; a wrong one is 401', async () => {
    const host = `127.0.0.1:${server.port}`;
    for (const path of ['/api/status', '/v1/models', '/openapi.json']) {
      expect((await raw(path, { host })).status).toBe(401);
      expect((await raw(path, { host, authorization: 'Bearer nope-nope-nope' })).status).toBe(401);
      expect((await raw(path, { host, ...auth })).status).toBe(200);
    }
    expect((await raw('/mcp', { host, 'content-type': 'application/json' }, 'POST', '{}')).status).toBe(401);
  });
});

test('with a token, the web app itself loads without one (it then sends the token from the #token= fragment)', async () => {
  const webRoot = mkdtempSync(join(tmpdir(), 'mianba-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>mianba</title>');
  const http = makeHttpApp(home, { webRoot, policy: { host: '127.0.0.1', port: () => undefined, token } });
  const index = await http.request('/');
  expect(index.status).toBe(200);
  expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect((await http.request('/api/status')).status).toBe(401);
  expect((await http.request('/api/status', { headers: auth })).status).toBe(200);
  rmSync(webRoot, { recursive: true, force: true });
});

describe('body limits', () => {
  test('JSON bodies over 1 MB are 413 (declared length, and in process)', async () => {
    const big = JSON.stringify({ question: 'x'.repeat(1_100_000) });
    const response = await raw('/api/ask', { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', ...auth }, 'POST', big);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
    const inProcess = await makeHttpApp(home).request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(inProcess.status).toBe(413);
  });

  test('uploads over the configured max file size are 413', async () => {
    const form = new FormData();
    form.append('file', new File(['# big\n\n'.repeat(10_000)], 'big.md'));
    const response = await makeHttpApp(home).request('/api/kbs/big/documents', { method: 'POST', body: form });
    expect(response.status).toBe(413);
    expect(existsSync(join(home.home, 'uploads', 'big', 'big.md'))).toBe(false);
  });
});

describe('paths from the client', () => {
  test('upload names cannot leave $MIANBA_HOME/uploads/<kb>', async () => {
    const http = makeHttpApp(home);
    const form = new FormData();
    for (const name of ['../../../escape.md', '..\\..\\win.md', '/etc/abs.md', '.hidden.md', 'a/../../b.md'])
      form.append('file', new File([`# T\n\n## 问题 ${name}?\n\n答案。\n`], name));
    const response = await http.request('/api/kbs/trav/documents', { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const names = (await response.json()).files.map((file: { name: string }) => file.name).sort();
    // Folders of a folder upload are kept (issue 17: flattening them lost files), ".." and leading dots are not.
    expect(names).toEqual(['uploads/trav/a/b.md', 'uploads/trav/escape.md', 'uploads/trav/etc/abs.md', 'uploads/trav/hidden.md', 'uploads/trav/win.md']);
    expect(readdirSync(join(home.home, 'uploads', 'trav')).sort()).toEqual(['a', 'escape.md', 'etc', 'hidden.md', 'win.md']);
    expect(existsSync(join(home.home, 'escape.md'))).toBe(false);
  });

  test('document ids are ids, never paths', async () => {
    const http = makeHttpApp(home);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', '....', '0123456789abcdeZ']) {
      const response = await http.request(`/api/kbs/trav/documents/${id}/file`);
      expect([400, 404]).toContain(response.status);
    }
    expect((await http.request('/api/kbs/trav/documents/0123456789abcdef/file')).status).toBe(404);
    expect((await http.request('/api/kbs/..%2Ftrav')).status).toBe(400);
  });

  test('static files cannot be escaped', async () => {
    const http = makeHttpApp(home, { webRoot: fileURLToPath(new URL('../src/server/', import.meta.url)) });
    for (const path of ['/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%2e%2e%5c%2e%2e%5cpackage.json'])
      expect((await http.request(path)).status).toBe(404);
    const served = await http.request('/version.ts');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
  });

  test('an uploaded HTML document with a script comes back as an inert text/plain attachment', async () => {
    const http = makeHttpApp(home);
    const form = new FormData();
    form.append('file', new File(['<h1>XSS</h1><p>问题?</p><img src=x onerror=alert(1)><script>alert(1)</script>'], 'xss.html'));
    const report = await (await http.request('/api/kbs/xss/documents', { method: 'POST', body: form })).json();
    const file = await http.request(`/api/kbs/xss/documents/${report.files[0].id}/file`);
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/);
  });
});

describe('the LLM API key never leaves the server', () => {
  const apiKey = 'sk-test-SECRET-0123456789';
  let fake: FakeServer;
  let withKey: TestHome;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({
      model: new FakeChatModel('fake-model'),
      apiKey,
      faults: [
        { kind: 'status', status: 400, message: `bad request from key ${apiKey}` },
        { kind: 'status', status: 400, message: `bad request from key ${apiKey}` },
      ],
    });
    withKey = await makeTestApp({ MIANBA_LLM_BASE_URL: fake.url, MIANBA_LLM_MODEL: 'fake-model', MIANBA_LLM_API_KEY: apiKey }, {}, { llm: { maxRetries: 0 } });
  });
  afterAll(async () => {
    await fake?.close();
    withKey?.cleanup();
  });

  test('not in status, models, OpenAPI, answers or upstream error messages', async () => {
    const http = makeHttpApp(withKey);
    const bodies: string[] = [];
    for (const path of ['/api/status', '/v1/models', '/openapi.json']) bodies.push(await (await http.request(path)).text());
    const post = (path: string, body: unknown) =>
      http.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const failed = await post('/api/ask', { question: 'KV cache 为什么能加速推理' });
    expect(failed.status).toBe(502);
    bodies.push(await failed.text());
    const streamed = await (await post('/api/ask/stream', { question: 'KV cache 为什么能加速推理' })).text();
    expect(parseSse(streamed).at(-1)?.event).toBe('error');
    bodies.push(streamed);
    const answered = await post('/api/ask', { question: 'KV cache 为什么能加速推理' });
    expect(answered.status).toBe(200);
    bodies.push(await answered.text());
    expect(JSON.parse(bodies[0] ?? '{}').llm).toEqual({ configured: true, model: 'fake-model' });
    for (const body of bodies) expect(body).not.toContain(apiKey);
    expect(bodies[3]).toContain('***');
  });
});
