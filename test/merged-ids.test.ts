// Bank items merged into another keep their old ids (aliasIds): `show` and `grade` with an old id reach the item that
// absorbed it, and practice history recorded under the old id counts for the surviving item (card, reviews, mastery,
// stats, due count, drill) while the append-only review log keeps the rows exactly as they were written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceFile } from '../src/practice/create-practice.js';
import { openPracticeStore } from '../src/practice/practice-store.js';
import type { CardRecord, ReviewRecord } from '../src/practice/progress-records.js';
import type { Rating } from '../src/practice/rating.js';
import { createScheduler } from '../src/practice/scheduler.js';
import { makeHttpApp, makeTestApp, type TestHome } from './server-helpers.js';
import { assertBuilt, runCli, runCliJson } from './support/run-cli.js';

const place = { home: mkdtempSync(join(tmpdir(), 'mianba-merged-')), cwd: tmpdir() };
beforeAll(() => assertBuilt());

describe('merged bank items', () => {
  it('show resolves a former id to the surviving item', () => {
    const run = runCli(['show', 'inference-speculative-decoding'], place);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('acceleration-speculative-decoding');
  });

  it('grade accepts a former id', () => {
    const run = runCliJson<{ id: string; score: number }>(
      ['grade', 'basics-domain-models', '--answer', '领域模型要先做继续预训练再做指令微调', '--json'],
      place,
    );
    expect(run.code).toBe(0);
    expect(run.json.id).toBe('sft-domain-model');
  });
});

// History written before the merge: two reviews of `basics-domain-models` (the id `sft-domain-model` absorbed), the
// last one 20 days ago rated Again, so the card is due now. Written with the raw store, as the old version did.
const formerId = 'basics-domain-models';
const survivorId = 'sft-domain-model';
const day = 86_400_000;
const scheduler = createScheduler(0.9);

function writeOldHistory(home: string): void {
  const store = openPracticeStore(practiceFile(home));
  const identity = { questionId: formerId, kb: 'builtin', topic: 'Basics', topicPath: '{"zh":"基础","en":"Basics"}' };
  let card: CardRecord | undefined;
  for (const [index, [rating, daysAgo]] of (
    [
      ['good', 30],
      ['again', 20],
    ] as [Rating, number][]
  ).entries()) {
    const at = new Date(Date.now() - daysAgo * day);
    const next = scheduler.review(card, rating, at);
    const review: ReviewRecord = {
      id: `old-review-${index}`,
      ...identity,
      reviewedAt: at.toISOString(),
      rating,
      impliedRating: rating,
      score: rating === 'good' ? 4 : 0,
      rougeL: 0.3,
      covered: 2,
      total: 4,
      hinted: false,
      stateBefore: card?.state ?? 'new',
      dueAfter: next.due,
      stabilityAfter: next.stability,
      difficultyAfter: next.difficulty,
    };
    card = { ...identity, ...next };
    store.recordReview(review, card);
  }
  store.close();
}

describe('practice history under a merged id', () => {
  let home: TestHome;
  let http: ReturnType<typeof makeHttpApp>;
  const get = async (path: string) => (await http.request(path)).json();
  const post = async (path: string, body: unknown) =>
    (await http.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

  beforeAll(async () => {
    home = await makeTestApp();
    writeOldHistory(home.home);
    http = makeHttpApp(home);
  });
  afterAll(() => home?.cleanup());

  it('counts for the surviving item: one card, its reviews, the due count and stats; no card under the old id', async () => {
    const stats = await get('/api/stats');
    expect(stats.totals).toMatchObject({ cards: 1, reviews: 2, due: 1 });
    const sft = stats.topics.find((topic: { cards: number }) => topic.cards > 0);
    expect(sft).toMatchObject({ topic: 'Supervised fine-tuning', cards: 1, reviews: 2, due: 1 });
    // The last review was Again: mastery 0, as for any card (not "unknown" because the id changed).
    expect(sft.mastery).toBe(0);
    const next = await get('/api/drill/next');
    expect(next.due).toBe(1);
    expect(next.question).toMatchObject({ id: survivorId, card: { reps: 2 } });
    expect(await get(`/api/drill/next?id=${formerId}`)).toMatchObject({ question: { id: survivorId, card: { reps: 2 } } });
  });

  it('a new rating continues the merged card, and undo returns to it; the old rows stay in the log untouched', async () => {
    const before = (await get(`/api/drill/next?id=${survivorId}`)).question.card;
    const recorded = await post('/api/drill/record', { id: formerId, answer: '先继续预训练注入领域知识,再做领域 SFT,混入通用数据防遗忘', rating: 'good' });
    expect(recorded).toMatchObject({ rating: 'good' });
    let next = await get(`/api/drill/next?id=${survivorId}`);
    expect(next.question.card).toMatchObject({ reps: 3 });
    expect((await get('/api/stats')).totals).toMatchObject({ cards: 1, reviews: 3, due: 0 });

    expect(await post('/api/drill/undo', {})).toMatchObject({ undone: { id: survivorId, rating: 'good' }, card: { state: before.state, due: before.due } });
    next = await get(`/api/drill/next?id=${survivorId}`);
    expect(next.question.card).toEqual(before);

    const db = new Database(practiceFile(home.home), { readonly: true });
    const rows = db.prepare('SELECT id, question_id FROM review_logs ORDER BY reviewed_at').all();
    db.close();
    expect(rows).toEqual([
      { id: 'old-review-0', question_id: formerId },
      { id: 'old-review-1', question_id: formerId },
    ]);
  });

  it('the CLI reports the same totals as the API', async () => {
    const cli = runCliJson<{ totals: { cards: number; reviews: number; due: number } }>(['stats', '--json'], { home: home.home, cwd: tmpdir() });
    expect(cli.code).toBe(0);
    expect(cli.json.totals).toEqual((await get('/api/stats')).totals);
  });
});
