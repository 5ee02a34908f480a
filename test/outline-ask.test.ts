// The bank answers the whole interview outline (seed 002): for every outline question of bank/outline/*.yaml, the
// offline `ask --kb builtin` cites an item the mapping names as [1], in the question's language. The target is
// 97%. Retrieval was tuned on the odd-numbered chapters only; the even-numbered ones are held out. Ranking changes
// (docs/handoff/rank.md) took it from 83.7% to 84.9%; the bank's content for the outline (docs/handoff/bank-a.md,
// bank-b.md: items that say the asked words, new items where none answered) to 97.7% cited first (274/283 odd,
// 243/246 even), 99.8% in the question's language: the floors keep what is reached.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { textLanguage } from '../src/text/text-language.js';

const outlineDir = join(import.meta.dirname, '..', 'bank', 'outline');
const questions = readdirSync(outlineDir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .flatMap((name) => {
    const file = parse(readFileSync(join(outlineDir, name), 'utf8')) as { outline: number; questions: { q: string; ids: string[] }[] };
    return file.questions.map((entry) => ({ chapter: file.outline, question: entry.q, ids: entry.ids }));
  });

let app: App;
const misses: string[] = [];
let sameLanguage = 0;

beforeAll(async () => {
  app = createApp(await loadConfig({ env: { MIANBA_HOME: mkdtempSync(join(tmpdir(), 'mianba-outline-')) } }));
  const canonical = new Map(app.bank().questions.flatMap((item) => [[item.id, item.id] as const, ...item.aliasIds.map((alias) => [alias, item.id] as const)]));
  for (const entry of questions) {
    const result = await app.ask({ question: entry.question, kb: 'builtin', length: 'brief', useLlm: false });
    const cited = result.citations[0];
    const hit = cited ? result.search.hits.find((candidate) => candidate.path === cited.path && candidate.line === cited.line) : undefined;
    const id = hit?.questionId ? canonical.get(hit.questionId) : undefined;
    const wanted = entry.ids.map((mapped) => canonical.get(mapped) ?? mapped);
    if (result.refused || !id || !wanted.includes(id))
      misses.push(`${entry.chapter}: ${entry.question} -> ${result.refused ? 'refused' : (id ?? 'no item')} (want ${wanted.join(', ')})`);
    const language = /\p{Script=Han}/u.test(entry.question) ? 'zh' : 'en';
    if (!result.refused && textLanguage(result.answer.replace(/\[\d+\]/g, '')) === language) sameLanguage++;
  }
  process.stdout.write(`outline: ${questions.length - misses.length}/${questions.length} cite a mapped item first\n${misses.slice(0, 40).join('\n')}\n`);
}, 600_000);
afterAll(() => app?.close());

describe('the outline, answered by the bank', () => {
  it('maps more than 500 outline questions', () => {
    expect(questions.length).toBeGreaterThan(500);
  });

  it('cites a mapped item first for at least 97% of the outline', () => {
    expect((questions.length - misses.length) / questions.length).toBeGreaterThanOrEqual(0.97);
  });

  it('answers in the question language for at least 97% of the outline', () => {
    expect(sameLanguage / questions.length).toBeGreaterThanOrEqual(0.97);
  });

  it('answers the questions the issue named: FlashAttention is not beaten by FlashAttention-2, QLoRA by PTQ/QAT, hallucination causes by its definition', async () => {
    const cases: [string, string][] = [
      ['为什么需要 FlashAttention?', 'attention-flashattention'],
      ['介绍一下 QLoRA 流程?', 'peft-qlora'],
      // "why" asked of a compound ("大模型幻觉") the causes item says in separate words (大模型…幻觉).
      ['为什么 会 出现 大模型幻觉问题?', 'hallucination-causes'],
      ['为什么 会 出现 大模型幻觉?', 'hallucination-causes'],
    ];
    for (const [question, id] of cases) {
      const result = await app.ask({ question, kb: 'builtin', length: 'brief', useLlm: false });
      const hit = result.search.hits.find((candidate) => candidate.path === result.citations[0]?.path && candidate.line === result.citations[0]?.line);
      expect(hit?.questionId, question).toBe(id);
    }
  });

  it('answers a generic question with the item about the subject itself, not a sibling about a narrower compound or a side clause', async () => {
    const cases: [string, string][] = [
      // RAG-Fusion, 相对位置编码, RoPE and the HF PEFT library each extend or merely mention the subject asked.
      ['什么是 RAG?', 'rag-pipeline'],
      ['什么是位置编码?', 'position-encoding-why'],
      ['什么是绝对位置编码?', 'position-encoding-absolute'],
      ['介绍一下 PEFT?', 'peft-why'],
      // The LightLLM item names PagedAttention only in its second clause ("Token Attention 和 PagedAttention 有什么区别?").
      ['什么是 PagedAttention?', 'acceleration-pagedattention'],
    ];
    for (const [question, id] of cases) {
      const result = await app.ask({ question, kb: 'builtin', length: 'brief', useLlm: false });
      const hit = result.search.hits.find((candidate) => candidate.path === result.citations[0]?.path && candidate.line === result.citations[0]?.line);
      expect(hit?.questionId, question).toBe(id);
    }
  });

  it('answers a comparison with the item about the compound the question itself names, in either language', async () => {
    // "difference" once led the English question (agreeing with every "What is the difference between …" item: PTQ vs
    // QAT won), and QLoRA lost its fifth as a compound narrower than LoRA although the question names it.
    for (const question of ['What is the difference between LoRA and QLoRA?', 'LoRA 和 QLoRA 有什么区别?', 'QLoRA 和 LoRA 的区别是什么?']) {
      const result = await app.ask({ question, kb: 'builtin', length: 'brief', useLlm: false });
      const hit = result.search.hits.find((candidate) => candidate.path === result.citations[0]?.path && candidate.line === result.citations[0]?.line);
      expect(hit?.questionId, question).toBe('peft-qlora');
    }
    // The DPO-vs-PPO item said "pros and cons", the GRPO item "how does it differ from PPO": the GRPO item was cited.
    for (const question of ['How does DPO differ from PPO-based RLHF?', 'DPO 和 PPO 有什么区别?']) {
      const result = await app.ask({ question, kb: 'builtin', length: 'brief', useLlm: false });
      const hit = result.search.hits.find((candidate) => candidate.path === result.citations[0]?.path && candidate.line === result.citations[0]?.line);
      expect(hit?.questionId, question).toBe('rlhf-dpo-vs-ppo');
    }
  });

  it('answers a Chinese question that names English terms in Chinese', async () => {
    for (const question of ['LangChain 中 Prompt Templates and Values 是什么?', 'vLLM 用于大模型并行推理加速 存在什么问题?']) {
      const result = await app.ask({ question, kb: 'builtin', length: 'brief', useLlm: false });
      expect(result.refused, question).toBe(false);
      expect(textLanguage(result.answer.replace(/\[\d+\]/g, '')), question).toBe('zh');
    }
  });
});
