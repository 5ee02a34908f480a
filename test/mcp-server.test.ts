// MCP through the official SDK client: in memory against createMcpServer, over stdio against the real binary
// (`node bin/mianba.js mcp`, built by `npm run build`), and over streamable HTTP at /mcp of a server on 127.0.0.1:0.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMcpServer } from '../src/mcp/mcp-server.js';
import { type RunningServer, startServer } from '../src/server/start-server.js';
import { mianbaVersion } from '../src/server/version.js';
import { makeTestApp, type TestHome } from './server-helpers.js';

let home: TestHome;
beforeAll(async () => {
  home = await makeTestApp();
});
afterAll(() => home.cleanup());

type ToolText = { content: { type: string; text: string }[]; isError?: boolean };
const textOf = (result: unknown) => (result as ToolText).content.map((part) => part.text).join('\n');

async function exercise(client: Client): Promise<void> {
  const tools = (await client.listTools()).tools.map((tool) => tool.name);
  expect(tools).toEqual(expect.arrayContaining(['search', 'ask', 'get_question', 'next_question', 'grade_answer']));
  const search = textOf(await client.callTool({ name: 'search', arguments: { query: 'LoRA', top: 3 } }));
  expect(search).toMatch(/^1\. /);
  expect(search).toMatch(/bank\/chapters\/.+\.yaml:\d+/);
  const ask = textOf(await client.callTool({ name: 'ask', arguments: { question: '为什么需要 KV cache' } }));
  expect(ask).toMatch(/\[1\][\s\S]*Sources:\n- \[1\]/);
  const id = /id ([\w.-]+)\)/.exec(search)?.[1];
  expect(id).toBeDefined();
  const question = textOf(await client.callTool({ name: 'get_question', arguments: { id, language: 'en' } }));
  expect(question).toContain(`id: ${id}`);
  const missing = (await client.callTool({ name: 'get_question', arguments: { id: 'nope' } })) as ToolText;
  expect(missing.isError).toBe(true);
  expect(textOf(missing)).toContain('no question with id "nope"');
  const next = textOf(await client.callTool({ name: 'next_question', arguments: { language: 'zh' } }));
  const nextId = /^id: ([\w.-]+)/m.exec(next)?.[1] as string;
  expect(nextId).toBeDefined();
  const graded = textOf(await client.callTool({ name: 'grade_answer', arguments: { id: nextId, answer: '不知道', record: false } }));
  expect(graded).toMatch(/^Score [\d.]+\/5/);
  expect(graded).toContain('Missed:');
  expect(graded).not.toContain('Recorded');
}

describe('MCP', () => {
  test('in memory', async () => {
    const server = createMcpServer(home.app, { version: mianbaVersion });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(clientSide);
    await exercise(client);
    await client.close();
    await server.close();
  });

  test('stdio: node bin/mianba.js mcp', async () => {
    const bin = fileURLToPath(new URL('../bin/mianba.js', import.meta.url));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'mcp'],
      env: { MIANBA_HOME: home.home, PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    await exercise(client);
    await client.close();
  });

  describe('streamable HTTP at /mcp', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(home.app, {
        host: '127.0.0.1',
        port: 0,
        version: mianbaVersion,
      });
    });
    afterAll(() => server.close());

    test('tools over HTTP', async () => {
      const client = new Client({ name: 'test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
      await exercise(client);
      await client.close();
    });
  });
});
