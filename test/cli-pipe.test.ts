// `mianba … | head -1`: when the reader closes the pipe early, the CLI stops quietly (exit 0), with no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cliPath } from './support/run-cli.js';

beforeAll(() => assertBuilt());

describe('the CLI in a pipe', () => {
  it('stops quietly when the reader closes the pipe', () => {
    const home = mkdtempSync(join(tmpdir(), 'mianba-pipe-'));
    const run = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-c', `"${process.execPath}" "${cliPath}" questions | head -3; echo "status \${PIPESTATUS[0]}" >&2`],
      {
        env: { PATH: process.env.PATH ?? '', MIANBA_HOME: home, NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.stdout).toContain('basics-architecture-types');
    expect(run.stderr).toContain('status 0');
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled 'error'|node:events/);
  });
});
