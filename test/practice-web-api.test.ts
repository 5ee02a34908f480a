// The API the web drill and mock need beyond the CLI's: a drill limited to chosen topics and to due or new cards (the
// set-up form), the follow-up of a mock answer (a related question or the missed point itself), and a mock report
// that includes the follow-ups with the user's answers.
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

interface Next {
  question: { id: string; topic: { en: string[] }; card: { state: string } | null } | null;
  due: number;
  fresh: number;
}

describe('drill set-up over HTTP', () => {
  test('topics limits the drill to the chosen chapters, every question in turn', async () => {
    const topics = ['Attention', 'Supervised fine-tuning'];
    const skip: string[] = [];
    for (let index = 0; index < 6; index++) {
      const next = (await get(`/api/drill/next?topics=${encodeURIComponent(topics.join(','))}&skip=${skip.join(',')}`)) as Next;
      expect(next.question).not.toBeNull();
      expect(topics).toContain(next.question?.topic.en[0]);
      skip.push(next.question?.id ?? '');
    }
  });

  test('kind=due serves only due reviews and kind=new only unseen questions', async () => {
    expect(((await get('/api/drill/next?kind=due')) as Next).question).toBeNull();
    // Rated Again one hour ago: due again after 10 minutes, so due now.
    const id = 'attention-mqa';
    const practice = home.app.practice();
    const item = await practice.question(id);
    if (!item) throw new Error(`${id} is missing from the bank`);
    practice.record({ item, grade: practice.grade(item, '不知道'), rating: 'again', now: new Date(Date.now() - 3_600_000) });
    const due = (await get('/api/drill/next?kind=due')) as Next;
    expect(due).toMatchObject({ question: { id }, due: 1 });
    const fresh = (await get('/api/drill/next?kind=new')) as Next;
    expect(fresh.question?.card).toBeNull();
    expect(fresh.question?.id).not.toBe(id);
  });

  test('a topic list with an unknown chapter serves nothing instead of everything', async () => {
    expect(((await get('/api/drill/next?topics=No%20such%20chapter')) as Next).question).toBeNull();
  });
});

describe('mock follow-ups over HTTP', () => {
  test('an answer that misses points gets a follow-up; a complete answer gets none', async () => {
    const weak = await post('/api/mock/follow-up', { id: 'kv-cache-what-is', answer: '缓存一些东西', language: 'zh' });
    expect(weak.followUp).toMatchObject({ source: expect.stringMatching(/^(related|template)$/), question: expect.any(String) });
    expect(weak.followUp.question.length).toBeGreaterThan(5);
    const item = await get('/api/questions/kv-cache-what-is');
    const full = item.keyPoints.map((point: { zh: string }) => point.zh).join('。');
    expect(await post('/api/mock/follow-up', { id: 'kv-cache-what-is', answer: full, language: 'zh' })).toEqual({ followUp: null });
  });

  test('the report lists a follow-up on a missed point with the answer, graded only against that point', async () => {
    const item = await get('/api/questions/kv-cache-what-is');
    const point = item.keyPoints[0];
    const report = await post('/api/mock/report', {
      language: 'zh',
      minutes: 10,
      startedAt: new Date().toISOString(),
      entries: [
        { id: 'kv-cache-what-is', answer: '缓存一些东西', durationMs: 20_000 },
        { id: 'kv-cache-what-is', kind: 'follow-up', point: 0, question: '追问:展开讲讲?', answer: point.zh, durationMs: 10_000 },
      ],
    });
    expect(report.rows).toHaveLength(2);
    expect(report.rows[1]).toMatchObject({ kind: 'follow-up', question: '追问:展开讲讲?', answer: point.zh, missed: [] });
    expect(report.rows[1].score).toBeGreaterThan(report.rows[0].score);
    const stored = await get(`/api/mock/history/${report.id}`);
    expect(stored.report.rows[1]).toMatchObject({ kind: 'follow-up', answer: point.zh });
  });

  test('a follow-up on a key point the question does not have is refused with a clear error', async () => {
    const response = await http.request(
      '/api/mock/report',
      json({ minutes: 5, startedAt: new Date().toISOString(), entries: [{ id: 'kv-cache-what-is', point: 19, answer: 'x' }] }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/no key point 20/);
  });
});
