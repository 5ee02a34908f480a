// practice.db under concurrent writers (issue 17 item 5) and one mastery across CLI and API: four processes each
// recording 50 reviews of one card through `grade --record` lose none (reps 200, no errors); two processes opening a
// fresh practice.db at once both succeed; three "不知道" reviews give mastery 0 in `stats --json` and /api/stats.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createHttpApp } from '../src/server/http-app.js';
import { mianbaVersion } from '../src/server/version.js';
import { assertBuilt, type CliPlace, cliEnvironment, cliPath, runCli, runCliJson } from './support/run-cli.js';

let root: string;
beforeAll(() => {
  assertBuilt();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-practice-race-')));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function placeIn(name: string): CliPlace {
  const home = join(root, name);
  mkdirSync(home, { recursive: true });
  return { home, cwd: root };
}

/** Runs the CLI without blocking the event loop, so several processes really overlap. */
function runAsync(args: string[], place: CliPlace): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: place.cwd, env: cliEnvironment(place.home), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

interface Stats {
  totals: { reviews: number; cards: number; due: number; mastery: number | null };
  topics: { topic: string; mastery: number | null; reviews: number }[];
}

describe('practice.db under concurrent processes', () => {
  test('4 processes x 50 `grade --record` of one card: 200 reviews, reps 200, no errors', async () => {
    const place = placeIn('race');
    const worker = async () => {
      const failures: string[] = [];
      for (let index = 0; index < 50; index++) {
        const run = await runAsync(['grade', 'kv-cache-what-is', '--answer', '缓存历史 token 的 K 和 V', '--record', '--rating', 'good', '--json'], place);
        if (run.code !== 0) failures.push(run.stderr);
      }
      return failures;
    };
    const failures = (await Promise.all([worker(), worker(), worker(), worker()])).flat();
    expect(failures).toEqual([]);
    const stats = runCliJson<Stats>(['stats', '--json'], place).json;
    expect(stats.totals.reviews).toBe(200);
    expect(runCli(['progress', 'export', 'race.json'], place).code).toBe(0);
    const exported = JSON.parse(readFileSync(join(root, 'race.json'), 'utf8')) as { cards: { questionId: string; reps: number }[] };
    expect(exported.cards.find((card) => card.questionId === 'kv-cache-what-is')?.reps).toBe(200);
  }, 600_000);

  test('two processes opening a fresh practice.db at once both succeed', async () => {
    for (let round = 0; round < 3; round++) {
      const place = placeIn(`fresh-${round}`);
      const runs = await Promise.all([runAsync(['stats', '--json'], place), runAsync(['stats', '--json'], place)]);
      expect(runs.map((run) => [run.code, run.stderr])).toEqual([
        [0, ''],
        [0, ''],
      ]);
    }
  }, 120_000);
});

describe('mastery is one number in CLI and API', () => {
  test('three "不知道" reviews give mastery 0 in stats --json and /api/stats; good answers raise it', async () => {
    const place = placeIn('mastery');
    for (let index = 0; index < 3; index++) {
      const graded = runCliJson<{ score: number; recorded: { rating: string } }>(
        ['grade', 'kv-cache-what-is', '--answer', '不知道', '--record', '--json'],
        place,
      );
      expect(graded.json.score).toBe(0);
      expect(graded.json.recorded.rating).toBe('again');
    }
    const cli = runCliJson<Stats>(['stats', '--json'], place).json;
    expect(cli.totals.mastery).toBe(0);
    const topic = cli.topics.find((entry) => entry.reviews === 3);
    expect(topic?.mastery).toBe(0);

    const app = createApp(await loadConfig({ env: { MIANBA_HOME: place.home } }));
    try {
      const http = createHttpApp(app, {
        version: mianbaVersion,
        policy: { host: '127.0.0.1', port: () => undefined, token: undefined },
      });
      const api = (await (await http.request('/api/stats')).json()) as Stats;
      expect(api.totals).toEqual(cli.totals);
      expect(api.topics.map((entry) => [entry.topic, entry.mastery])).toEqual(cli.topics.map((entry) => [entry.topic, entry.mastery]));
    } finally {
      app.close();
    }

    const good =
      'KV cache 把每一层里历史 token 的 Key 和 Value 存下来;解码时每步只给新 token 算 q、k、v,再和缓存里的 K、V 做注意力。Q 只用一次所以不存。分 prefill 和 decode 两阶段,结果与不缓存完全一致。';
    runCliJson(['grade', 'kv-cache-what-is', '--answer', good, '--record', '--rating', 'good', '--json'], place);
    const after = runCliJson<Stats>(['stats', '--json'], place).json;
    expect(after.totals.mastery).toBeGreaterThan(0);
  }, 120_000);
});
