// Answers a user can trust, offline: the questions users reported, asked over real-shaped notes (a notes repository
// with a table of contents, a sidebar, badges, escaped markup, bold titles, a code block and look-alike letters)
// plus the built-in bank; and floors on the answer measures of the tuning and held-out answer sets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { readEvalSet } from '../src/eval/eval-set.js';
import { type AnswerEvalReport, evaluateAnswers, hasJunk } from '../src/eval/run-answer-eval.js';
import { type ConfigReport, evaluateRetrieval } from '../src/eval/run-retrieval-eval.js';
import { textLanguage } from '../src/text/text-language.js';

const fixtures = join(import.meta.dirname, 'fixtures');
let app: App;
let tune: AnswerEvalReport;
let heldOut: AnswerEvalReport;
let crossTune: ConfigReport;
let crossHeldOut: ConfigReport;
let crossAnswersTune: AnswerEvalReport;
let crossAnswersHeldOut: AnswerEvalReport;

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'mianba-answers-'));
  app = createApp(await loadConfig({ env: { MIANBA_HOME: home } }));
  const repo = await app.ingest({ inputs: [join(fixtures, 'notes-repo')], kb: 'notes-repo', cwd: fixtures });
  expect(repo.counts).toMatchObject({ added: 3, skipped: 1, failed: 0 });
  const notes = await app.ingest({ inputs: [join(fixtures, 'eval-notes')], kb: 'eval-notes', cwd: fixtures });
  expect(notes.counts.failed).toBe(0);
  const both = await app.ingest({ inputs: [join(fixtures, 'notes-repo'), join(fixtures, 'eval-notes')], kb: 'notes', cwd: fixtures });
  expect(both.counts.failed).toBe(0);
  const cross = (name: string) =>
    evaluateRetrieval(readEvalSet(join(fixtures, 'eval', name)), app.search, 'hybrid+rerank', 'notes', app.config.retrieval.refusalThreshold);
  crossTune = await cross('en-over-zh-tune.jsonl');
  crossHeldOut = await cross('en-over-zh-heldout.jsonl');
  const crossAnswers = (name: string) =>
    evaluateAnswers(readEvalSet(join(fixtures, 'eval', name)), (request) => app.ask({ ...request, kb: 'notes' }), undefined);
  crossAnswersTune = await crossAnswers('en-over-zh-tune.jsonl');
  crossAnswersHeldOut = await crossAnswers('en-over-zh-heldout.jsonl');
  tune = await evaluateAnswers(readEvalSet(join(fixtures, 'eval', 'answers-tune.jsonl')), app.ask, undefined);
  heldOut = await evaluateAnswers(readEvalSet(join(fixtures, 'eval', 'answers-heldout.jsonl')), app.ask, undefined);
  const show = (name: string, report: AnswerEvalReport) =>
    `${name}: key points ${report.keyPointCoverage?.toFixed(3)} same language ${report.languageShare?.toFixed(3)} junk ${report.junkShare?.toFixed(3)} refusal P/R ${report.refusal.precision.toFixed(2)}/${report.refusal.recall.toFixed(2)}`;
  process.stdout.write(`${show('answers-tune', tune)}\n${show('answers-heldout', heldOut)}\n`);
  process.stdout.write(
    `en over zh answers: citation precision tune ${crossAnswersTune.citationPrecision?.toFixed(3)}, held-out ${crossAnswersHeldOut.citationPrecision?.toFixed(3)}\n`,
  );
  process.stdout.write(
    `en over zh: tune Hit@5 ${crossTune.overall.hit5.toFixed(3)} MRR ${crossTune.overall.mrr10.toFixed(3)}, held-out Hit@5 ${crossHeldOut.overall.hit5.toFixed(3)} MRR ${crossHeldOut.overall.mrr10.toFixed(3)}\n`,
  );
}, 300_000);
afterAll(() => app?.close());

const ask = (question: string, kb?: string) => app.ask({ question, kb, length: 'brief', useLlm: false });

describe('the reported questions get clean, cited, same-language answers', () => {
  it('怎么缓解大模型幻觉: an answer with its methods, not the table of contents or the sidebar', async () => {
    const result = await ask('怎么缓解大模型幻觉');
    expect(result.refused).toBe(false);
    expect(hasJunk(result.answer)).toBe(false);
    expect(result.answer).not.toMatch(/\.md|目录|首页/);
    expect(result.answer).toMatch(/RAG|检索/);
    expect(result.citations.every((citation) => !/README|_sidebar/.test(citation.path))).toBe(true);
    expect(textLanguage(result.answer)).toBe('zh');
  });

  it('为什么现在的大模型大多是 decoder only 架构: no reference-link or blockquote lines', async () => {
    const result = await ask('为什么现在的大模型大多是 decoder only 架构');
    expect(result.refused).toBe(false);
    expect(hasJunk(result.answer)).toBe(false);
    expect(result.answer).not.toMatch(/^>/m);
    expect(result.citations[0]?.path).toBe('bank/chapters/01-basics.yaml');
  });

  it('PPO 里面的 critic 模型是干嘛的: no escaped markup', async () => {
    const result = await ask('PPO 里面的 critic 模型是干嘛的');
    expect(result.refused).toBe(false);
    expect(result.answer).not.toMatch(/\\\*|\*\*|\]\(/);
  });

  it('vllm 的 pagedattention 原理 is Chinese, so the answer is Chinese', async () => {
    const result = await ask('vllm 的 pagedattention 原理');
    expect(result.search.query.language).toBe('zh');
    expect(textLanguage(result.answer.replace(/\[\d+\]/g, ''))).toBe('zh');
    expect(result.answer).toMatch(/块/);
  });

  it('how does RoPE extrapolate to longer context? cites the PI/NTK/YaRN item first, in English', async () => {
    const result = await ask('how does RoPE extrapolate to longer context?');
    expect(result.refused).toBe(false);
    // The item with the highest evidence answers, even when fusion ranks it below ALiBi or the long-context item.
    expect(result.citations[0]?.question).toMatch(/RoPE.*YaRN/);
    expect(textLanguage(result.answer)).toBe('en');
  });

  it('KV cache 为什么能加速推理: the brief answer contains the point (what happens with the cache)', async () => {
    const result = await ask('KV cache 为什么能加速推理');
    expect(result.refused).toBe(false);
    expect(result.answer).toMatch(/新 ?token/);
    expect(result.answer).not.toMatch(/^• /m);
  });

  it('English questions over Chinese notes are answered from the notes, not refused', async () => {
    for (const question of [
      "how are LoRA's two matrices initialised?",
      'can LLaMA take unlimited input length in theory?',
      'which abilities count as emergent?',
    ]) {
      const result = await ask(question, 'notes-repo');
      expect(result.refused, question).toBe(false);
      expect(
        result.citations.some((citation) => citation.path.endsWith('notes-repo/docs/07.推理/1.推理加速.md')),
        question,
      ).toBe(true);
    }
  });

  it('questions about models or versions the notes never mention are refused', async () => {
    for (const question of ['what is the KV cache size of Falcon-Mamba-3T?', 'LLaMA-9 的上下文窗口是多少', 'Zephyr-Omni-12B 用了什么位置编码']) {
      const result = await ask(question);
      expect(result.refused, question).toBe(true);
    }
  });

  it('look-alike letters are read as plain letters and code comments never answer', async () => {
    const alpaca = await ask('Stanford Alpaca 的数据是怎么来的', 'notes-repo');
    expect(alpaca.citations[0]?.question).toBe('Stanford Alpaca 的数据是怎么来的?');
    const vllm = await ask('vLLM 的 PagedAttention 原理是什么', 'notes-repo');
    expect(vllm.answer).not.toMatch(/^#|启动服务|api_server/m);
  });

  it('an answer quoted from notes names what the question is about, or it is refused and says which name is missing', async () => {
    // "zero" matched a ZeRO-3 note before; the note that names LoRA answers now.
    const lora = await ask('what is the first thing to check when B of LoRA is zero and A is zero too', 'notes');
    expect(lora.refused).toBe(false);
    expect(lora.citations[0]?.question).toMatch(/LoRA 的 B 为什么初始化成 0/);
    expect(lora.answer).not.toMatch(/ZeRO-3|save_pretrained/);
    // Its Chinese note matched at 0.51 but, in the other language, fell under the question-match bar and a note on RoPE
    // lengths answered: the note that says Qwen answers now.
    const qwen = await ask('why did the project pick Qwen instead of LLaMA', 'notes');
    expect(qwen.refused).toBe(false);
    expect(qwen.citations[0]?.question).toBe('二面:为什么项目里选了 Qwen 而不是 LLaMA?');
    expect(qwen.answer).toMatch(/中文分词效率高/);
    // Notes that describe RLHF with PPO and never say DPO: refused, saying so, instead of quoting the RLHF steps.
    const folder = mkdtempSync(join(tmpdir(), 'mianba-rlhf-'));
    writeFileSync(
      join(folder, 'rlhf.md'),
      '## RLHF 的训练流程是怎样的?\n\n1. 监督微调:用人工写的示范回答微调基座。\n2. 奖励模型训练:用人类对回答的偏好排序训练一个打分模型。\n3. 强化学习:用 PPO 优化策略,奖励来自奖励模型,再加 KL 惩罚防止偏离太远。\n',
    );
    await app.ingest({ inputs: [folder], kb: 'rlhf-notes', cwd: folder });
    const dpo = await ask('How does DPO differ from PPO in RLHF training?', 'rlhf-notes');
    expect(dpo.refused).toBe(true);
    expect(dpo.answer).toMatch(/None of the passages found mentions DPO\./);
  });
});

describe('answer measures on the labelled answer sets (floors)', () => {
  it('no page junk, the question language, and honest refusals on the tuning set', () => {
    expect(tune.junkShare).toBe(0);
    expect(tune.languageShare).toBeGreaterThanOrEqual(0.95);
    expect(tune.refusal.precision).toBeGreaterThanOrEqual(0.9);
    expect(tune.refusal.recall).toBeGreaterThanOrEqual(0.8);
    expect(tune.keyPointCoverage).toBeGreaterThanOrEqual(0.75);
  });

  it('holds on the held-out set that tuning never saw', () => {
    expect(heldOut.junkShare).toBe(0);
    expect(heldOut.languageShare).toBeGreaterThanOrEqual(0.85);
    expect(heldOut.refusal.precision).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.refusal.recall).toBeGreaterThanOrEqual(0.8);
    expect(heldOut.keyPointCoverage).toBeGreaterThanOrEqual(0.55);
  });
});

describe('English questions over Chinese notes (answers, notes only)', () => {
  // Before passages of other hits had to share a content word and 0.3 of the opening passage's relevance, answers
  // patched in side topics: precision 0.861 (tuning) and 0.722 (held-out); now 1.000 and 0.917.
  it('cite the notes that answer: citation precision >= 0.9 on the tuning set and >= 0.85 on the held-out set', () => {
    expect(crossAnswersTune.citationPrecision).toBeGreaterThanOrEqual(0.9);
    expect(crossAnswersHeldOut.citationPrecision).toBeGreaterThanOrEqual(0.85);
  });
});

describe('English questions over Chinese notes (retrieval, notes only)', () => {
  it('finds the note on the tuning set: Hit@5 >= 0.95, MRR@10 >= 0.90', () => {
    expect(crossTune.overall.hit5).toBeGreaterThanOrEqual(0.95);
    expect(crossTune.overall.mrr10).toBeGreaterThanOrEqual(0.9);
  });

  it('and on the held-out set: Hit@5 >= 0.9, MRR@10 >= 0.8', () => {
    expect(crossHeldOut.overall.hit5).toBeGreaterThanOrEqual(0.9);
    expect(crossHeldOut.overall.mrr10).toBeGreaterThanOrEqual(0.8);
  });
});
