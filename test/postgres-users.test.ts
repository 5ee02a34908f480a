// `mianba user` on a team server: add prints a personal token once (only its hash is stored), the token identifies
// its user, list and remove work, a taken name and a missing --yes are clear errors, and SQLite has no users.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresUserDirectory } from '../src/store/postgres/postgres-user-directory.js';
import { type PgCluster, startPgCluster } from './support/pg-cluster.js';
import { assertBuilt, cliPath } from './support/run-cli.js';

let cluster: PgCluster;
const home = mkdtempSync(join(tmpdir(), 'mianba-pg-users-'));

function mianba(args: string[], databaseUrl = cluster.url) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', MIANBA_HOME: home, NO_COLOR: '1' };
  if (databaseUrl) env.MIANBA_DATABASE_URL = databaseUrl;
  const result = spawnSync(process.execPath, [cliPath, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  assertBuilt();
  cluster = await startPgCluster('users');
}, 60_000);
afterAll(() => {
  cluster?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('mianba user on PostgreSQL', () => {
  it('adds users with a personal token shown once and stored only as a hash', async () => {
    const added = mianba(['user', 'add', 'alice', '--admin', '--json']);
    expect(added.code).toBe(0);
    const alice = JSON.parse(added.stdout) as { name: string; role: string; token: string };
    expect(alice).toMatchObject({ name: 'alice', role: 'admin', token: expect.stringMatching(/^mb_[\w-]{43}$/) });
    expect(mianba(['user', 'add', 'bob']).stdout).toMatch(/user "bob" \(member\) added; personal token .*\nmb_[\w-]{43}\n$/);
    const directory = createPostgresUserDirectory({ url: cluster.url });
    const client = new pg.Client(cluster.url);
    await client.connect();
    try {
      expect(await directory.verify(alice.token)).toMatchObject({ name: 'alice', role: 'admin' });
      expect(await directory.verify(`${alice.token.slice(0, -1)}x`)).toBeUndefined();
      const stored = await client.query<{ token_hash: string }>("SELECT token_hash FROM users WHERE name = 'alice'");
      expect(stored.rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.rows[0]?.token_hash).not.toContain(alice.token.slice(3));
    } finally {
      await client.end();
      await directory.close();
    }
    expect(mianba(['user', 'list']).stdout).toMatch(/^alice\s+admin\nbob\s+member\n$/);
  });

  it('refuses a taken name, asks for --yes before removing, and removes', () => {
    const taken = mianba(['user', 'add', 'bob']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('a user named "bob" already exists');
    const unconfirmed = mianba(['user', 'remove', 'bob']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('confirm with --yes');
    expect(mianba(['user', 'remove', 'bob', '--yes']).stdout).toBe('user "bob" removed\n');
    expect(mianba(['user', 'list']).stdout).not.toContain('bob');
    expect(mianba(['user', 'remove', 'bob', '--yes']).stderr).toContain('no user named "bob"');
  });

  it('explains that users need a team server on the SQLite setup', () => {
    const run = mianba(['user', 'list'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('users belong to a team server: set MIANBA_DATABASE_URL');
  });
});
