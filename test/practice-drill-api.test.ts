// Drill and mock over HTTP as the web app uses them: the next interval on each rating, undo of the last rating, hints
// counted in the grade, topics interleaved call after call, mock plans drawn at random, and past mocks with their
// full reports (answers, references, missed points, wrong claims).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeHttpApp, makeTestApp, type TestHome } from './server-helpers.js';

let home: TestHome;
let http: ReturnType<typeof makeHttpApp>;
beforeAll(async () => {
  home = await makeTestApp();
  http = makeHttpApp(home);
});
afterAll(() => home.cleanup());

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = async (path: string) => (await http.request(path)).json();
const post = async (path: string, body: unknown) => (await http.request(path, json(body))).json();

interface Interval {
  rating: string;
  due: string;
  label: string;
}

describe('drill over HTTP', () => {
  test('each rating shows its next interval, and Again comes back sooner than Easy', async () => {
    const { question } = await get('/api/drill/next?id=kv-cache-what-is');
    const intervals = question.intervals as Interval[];
    expect(intervals.map((entry) => entry.rating)).toEqual(['again', 'hard', 'good', 'easy']);
    for (const entry of intervals) expect(entry.label).toMatch(/^\d+(\.\d+)? (min|h|d|mo|y)$/);
    const dues = intervals.map((entry) => Date.parse(entry.due));
    expect(dues[0]).toBeLessThan(dues[3] as number);
  });

  test('undo takes back the last rating: the review is gone and the card is new again', async () => {
    await post('/api/drill/record', { id: 'attention-mqa', answer: '所有查询头共享一组 K、V', rating: 'good' });
    expect((await get('/api/stats')).totals.reviews).toBe(1);
    const undone = await post('/api/drill/undo', {});
    expect(undone.undone).toMatchObject({ id: 'attention-mqa', rating: 'good' });
    expect(undone.card).toBeNull();
    expect((await get('/api/stats')).totals.reviews).toBe(0);
    expect((await get('/api/drill/next?id=attention-mqa')).question.card).toBeNull();
    expect((await post('/api/drill/undo', {})).undone).toBeNull();
  });

  test('hints used one at a time are noted in the grade and cap the rating at Hard', async () => {
    const answer = 'MQA 让所有查询头共享一个 K/V 头,KV Cache 缩小到 1/h,解码读得少所以推理加速;代价是质量下降、张量并行要复制 KV 头;PaLM、Falcon 用它。';
    const { grade } = await post('/api/drill/grade', { id: 'attention-mqa', answer, hintsUsed: 2 });
    expect(grade).toMatchObject({ hinted: true, hintsUsed: 2 });
    expect(['again', 'hard']).toContain(grade.rating);
  });

  test('a grade lists the wrong claims with their corrections', async () => {
    const { grade } = await post('/api/drill/grade', { id: 'peft-lora-init', answer: 'A 和 B 都初始化为 0,这样 ΔW=0,输出与原模型一致。' });
    expect(grade.misconceptions[0]).toMatchObject({ claim: expect.stringContaining('都初始化为 0'), correction: expect.any(String) });
    expect(grade.score).toBeLessThanOrEqual(2);
  });

  test('new questions come interleaved by topic: never three of one chapter in a row', async () => {
    const asked: { id: string; topic: string }[] = [];
    for (let index = 0; index < 9; index++) {
      const skip = asked.map((entry) => entry.id).join(',');
      const { question } = await get(`/api/drill/next?skip=${encodeURIComponent(skip)}`);
      asked.push({ id: question.id, topic: question.topic.en[0] });
    }
    for (let index = 2; index < asked.length; index++) {
      const run = asked.slice(index - 2, index + 1).map((entry) => entry.topic);
      expect(new Set(run).size, run.join(', ')).toBeGreaterThan(1);
    }
  });
});

describe('mock over HTTP', () => {
  test('/api/mock/questions?n=5 draws at random: calls differ', async () => {
    const plans = new Set<string>();
    for (let index = 0; index < 4; index++) {
      const { questions } = await get('/api/mock/questions?n=5');
      expect(questions).toHaveLength(5);
      plans.add(questions.map((question: { id: string }) => question.id).join(','));
    }
    expect(plans.size).toBeGreaterThan(1);
  });

  test('a finished mock is kept with its full report and listed in the history', async () => {
    const report = await post('/api/mock/report', {
      minutes: 10,
      startedAt: '2026-01-05T10:00:00.000Z',
      entries: [
        { id: 'moe-mixtral', answer: 'Mixtral 用 top-1 路由、56B、7B 激活。', durationMs: 60_000 },
        { id: 'kv-cache-what-is', skipped: true },
      ],
    });
    expect(report.id).toEqual(expect.any(String));
    const history = await get('/api/mock/history');
    expect(history.mocks[0]).toMatchObject({ id: report.id, questions: 2, hasReport: true, meanScore: report.meanScore });
    const stored = await get(`/api/mock/history/${report.id}`);
    const [first, second] = stored.report.rows;
    expect(first).toMatchObject({ id: 'moe-mixtral', answer: 'Mixtral 用 top-1 路由、56B、7B 激活。' });
    expect(first.reference.length).toBeGreaterThan(50);
    expect(first.missed.length).toBeGreaterThan(0);
    expect(first.misconceptions.length).toBeGreaterThanOrEqual(2);
    expect(second).toMatchObject({ skipped: true, answer: null });
    expect((await http.request('/api/mock/history/nope')).status).toBe(404);
  });
});
