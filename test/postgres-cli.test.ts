// The real CLI and MCP on a PostgreSQL database (MIANBA_DATABASE_URL, a throwaway cluster): ingest, search, ask,
// eval, kb show/reindex/remove, and MCP over stdio all work on it, nothing lands in MIANBA_HOME's kb folder, and a
// bad URL fails with a clear error that does not print the password.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBank } from '../src/bank/bank-data.js';
import { type PgCluster, startPgCluster } from './support/pg-cluster.js';
import { assertBuilt, cliPath } from './support/run-cli.js';

let cluster: PgCluster;
let home: string;
let notes: string;

function mianba(args: string[], url = cluster.url) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: notes,
    env: { PATH: process.env.PATH ?? '', MIANBA_HOME: home, MIANBA_DATABASE_URL: url, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  assertBuilt();
  cluster = await startPgCluster('cli');
  home = mkdtempSync(join(tmpdir(), 'mianba-pg-cli-'));
  notes = mkdtempSync(join(tmpdir(), 'mianba-pg-notes-'));
  mkdirSync(join(notes, 'team'));
  writeFileSync(
    join(notes, 'team', 'sparse.md'),
    '# 注意力\n\n## 什么是 Zorblax 注意力?\n\nZorblax 注意力是一种稀疏注意力,每个 token 只看 7 个邻居,显存占用随长度线性增长。\n',
  );
  writeFileSync(join(notes, 'set.jsonl'), `${JSON.stringify({ query: 'Zorblax 注意力每个 token 看几个邻居', relevant: ['sparse.md'] })}\n`);
}, 60_000);

afterAll(() => {
  cluster?.stop();
  for (const folder of [home, notes]) if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('CLI on PostgreSQL', () => {
  it('ingests, searches, answers and evaluates with every knowledge base in the database', () => {
    const ingest = mianba(['ingest', 'team', '--kb', 'team']);
    expect(ingest.stderr).toBe('');
    expect(ingest.stdout).toContain('kb "team": 1 added');
    const search = JSON.parse(mianba(['search', 'Zorblax 注意力', '--kb', 'team', '--json']).stdout) as { hits: { question: string; path: string }[] };
    expect(search.hits[0]).toMatchObject({ question: '什么是 Zorblax 注意力?', path: expect.stringMatching(/team\/sparse\.md$/) });
    const ask = mianba(['ask', 'Zorblax 注意力每个 token 看几个邻居']);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain('7 个邻居');
    expect(ask.stdout).toContain('team/sparse.md');
    const evaluation = JSON.parse(mianba(['eval', 'retrieval', '--set', 'set.jsonl', '--kb', 'team', '--config', 'hybrid', '--json']).stdout) as {
      reports: { overall: { mrr10: number } }[];
    };
    expect(evaluation.reports[0]?.overall.mrr10).toBe(1);
    const list = mianba(['kb', 'list']).stdout;
    expect(list).toMatch(new RegExp(`builtin\\s+\\d+ documents, ${readBank().bank.questions.length} questions`));
    expect(list).toMatch(/team\s+1 documents, 1 questions/);
    // The knowledge bases live in PostgreSQL, not in SQLite files under MIANBA_HOME.
    expect(existsSync(join(home, 'kb'))).toBe(false);
  }, 240_000);

  it('re-parses and removes a knowledge base', () => {
    expect(mianba(['kb', 'reindex', 'team', '--reparse']).code).toBe(0);
    expect(mianba(['search', 'Zorblax', '--kb', 'team']).stdout).toContain('什么是 Zorblax 注意力?');
    expect(mianba(['kb', 'remove', 'team', '--yes']).code).toBe(0);
    const missing = mianba(['search', 'Zorblax', '--kb', 'team']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no knowledge base named "team"');
  }, 120_000);

  it('serves MCP over stdio from the database', async () => {
    expect(mianba(['ingest', 'team', '--kb', 'team']).code).toBe(0);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cliPath, 'mcp'],
      cwd: notes,
      env: { PATH: process.env.PATH ?? '', MIANBA_HOME: home, MIANBA_DATABASE_URL: cluster.url },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'pg-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const result = (await client.callTool({ name: 'search', arguments: { query: 'Zorblax 注意力', top: 3 } })) as { content: { text: string }[] };
      expect(result.content.map((part) => part.text).join('\n')).toContain('什么是 Zorblax 注意力?');
    } finally {
      await client.close();
    }
  }, 120_000);

  it('fails clearly on a database it cannot reach, without printing the password', () => {
    const run = mianba(['kb', 'list'], `postgres://mianba:hunter2secret@127.0.0.1:${cluster.port + 1}/none`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot use the PostgreSQL database at postgres://mianba:***@127.0.0.1');
    expect(run.stderr).not.toContain('hunter2secret');
  });
});
