// Reliability cases of issue 17 for the knowledge-base store: 20 processes ingesting into the same new knowledge base
// at once all succeed (migrations run inside BEGIN IMMEDIATE with user_version read inside), and the data is whole.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, cliEnvironment, cliPath, runCliJson } from './support/run-cli.js';

function ingest(home: string, cwd: string, file: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'ingest', file, '--kb', 'race'], { cwd, env: cliEnvironment(home) });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

describe('concurrent opens of a new knowledge base', () => {
  it('20 parallel ingests into a new knowledge base all exit 0 and every document is stored', async () => {
    assertBuilt();
    const home = mkdtempSync(join(tmpdir(), 'mianba-race-'));
    const notes = mkdtempSync(join(tmpdir(), 'mianba-race-notes-'));
    const files = Array.from({ length: 20 }, (_, index) => {
      const name = `note-${index}.md`;
      writeFileSync(join(notes, name), `# 笔记 ${index}\n\n## 问题 ${index}: 什么是 KV cache 第 ${index} 版?\n\n缓存已经算过的 K 和 V,第 ${index} 份。\n`);
      return name;
    });
    const runs = await Promise.all(files.map((file) => ingest(home, notes, file)));
    expect(runs.filter((run) => run.code !== 0).map((run) => run.stderr)).toEqual([]);
    const shown = runCliJson<{ documents: unknown[] }>(['kb', 'show', 'race', '--json'], { home, cwd: notes });
    expect(shown.code).toBe(0);
    expect(shown.json.documents).toHaveLength(20);
  }, 120_000);
});
