// The subject a question leads with: its first content word once the interrogative preamble ("简单介绍一下",
// "举例描述一下", "what is") and generic head nouns ("大语言模型", "LLMs") are skipped. "LoRA 的思路是什么?" leads
// with lora, "QLoRA 的思路是什么?" with qlora, "什么是 RAG-Fusion?" with ragfusion: an item whose question starts with
// the words asked must not lose to a sibling that merely contains them. Pure.
import { normalizeText } from '../text/normalize.js';
import { stemLatin } from '../text/segment.js';
import type { Tokenize } from '../text/tokenize.js';

/**
 * Words that open an interview question without naming its subject. Chosen by reading the outline questions
 * (bank/outline) and the bank's question openings; short on purpose: a content word wrongly listed here hides a subject.
 * The comparison words (区别, difference, between …) were added after "What is the difference between LoRA and QLoRA?"
 * led with "difference" and agreed with every English "What is the difference between …" item.
 */
const preamble = new Set(
  `举例 描述 详细 简单 简要 具体 介绍 解释 说说 讲讲 谈谈 聊聊 一下 请 了解 出现 产生 需要 常见 目前 当前 分别 通常 一般 中的
  explain describe briefly detail detailed introduce tell walk through give example examples common doe does
  区别 差异 difference differences between compare comparison versus`.split(/\s+/),
);

/** Head nouns nearly every question of an LLM interview carries; they say nothing about which topic is asked. */
const genericHeads = ['大规模语言模型', '大型语言模型', '大语言模型', '语言模型', '大模型', '模型', 'llms', 'llm', 'large', 'language', 'models', 'model'];
const generic = new Set(genericHeads);

/** A word that opens a question or a head noun every question carries: it says nothing about the topic asked. */
export function isTemplateWord(token: string): boolean {
  return preamble.has(token) || generic.has(token);
}

/** The lead subject of a question's first clause, or undefined when it names none (e.g. "分析与总结?"). */
export function leadSubject(question: string, tokenize: Tokenize): string | undefined {
  return leadSubjects(question, tokenize, 1)[0];
}

/**
 * The first `count` subjects of a question's first clause, in order. A candidate's question may name its subject
 * second ("Transformer 为什么需要位置编码", "vLLM 中的 PagedAttention"), so agreement looks at its first two.
 */
export function leadSubjects(question: string, tokenize: Tokenize, count: number): string[] {
  const first = question.split(/[?？。;；!！]/).find((part) => part.trim()) ?? question;
  // Past the first subject, a comma or an "and" starts another thing asked about ("IA3,它和 LoRA 有什么区别"): only
  // the phrase before it names the subject.
  const clause = first.split(/[,，、:：]|和|与|及|跟|(?<![a-z])(?:vs|and|or)(?![a-z])/i).find((part) => part.trim()) ?? first;
  const normalized = normalizeText(clause);
  const joined = normalized.replace(/[-_.]/g, '');
  const names = normalized.match(/[a-z0-9]+(?:[-_.][a-z0-9]+)*/g) ?? [];
  const subjects: string[] = [];
  const seen: string[] = [];
  for (const token of tokenize(clause)) {
    if (subjects.length >= count) break;
    // The tokenizer follows a compound with its parts ("大语言模型" then "语言", "模型"): parts of a word already read
    // are not new subjects.
    const part = seen.some((word) => word.includes(token));
    seen.push(token);
    if (part || preamble.has(token) || generic.has(token) || /^\p{Script=Han}$/u.test(token) || /^\d+$/.test(token)) continue;
    const subject = subjectOf(token, names);
    seen.push(subject);
    // Two Latin names in a row are one name ("Graph RAG" is a kind of RAG): the second is not a subject of its own.
    const previous = subjects.at(-1);
    if (
      previous !== undefined &&
      /^[a-z]/.test(previous) &&
      /^[a-z]/.test(subject) &&
      new RegExp(`(?<![a-z0-9])${escapeRegExp(previous)}\\s+${escapeRegExp(subject)}(?![a-z0-9])`).test(joined)
    )
      continue;
    if (!subjects.includes(subject)) subjects.push(subject);
  }
  return subjects;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function subjectOf(token: string, names: string[]): string {
  if (/^[a-z]/.test(token)) {
    // A Latin token is read with the whole hyphenated name around it: "rag-fusion" is not "rag", "flashattention-2" is
    // not "flashattention".
    for (const name of names) if (name.split(/[-_.]/).some((part) => stemLatin(part) === token)) return name.replace(/[-_.]/g, '');
    return token;
  }
  // "大模型幻觉" asks about 幻觉: a generic head glued to the subject is dropped.
  const head = genericHeads.find((word) => token.startsWith(word) && token.length - word.length >= 2);
  return head ? token.slice(head.length) : token;
}

/** 1 when the query's lead subject is one of the candidate's first subjects, else 0. */
export function leadAgreement(query: string | undefined, candidate: readonly string[]): number {
  return query !== undefined && candidate.includes(query) ? 1 : 0;
}

/**
 * 1 when the candidate leads with a compound that extends the query's subject, else 0: a modifier put before it
 * (qlora or adalora for lora, 相对位置编码 for 位置编码) or a Latin name joined to it by a hyphen (rag-fusion for rag,
 * zero-offload for zero). Such a sibling answers a narrower question than the one asked; it must yield to the item about
 * the subject itself. A Latin word that merely begins with the subject ("ragas" for rag) is another word, and a Chinese
 * word that adds a head after it ("注意力机制" for 注意力) names the same thing.
 */
export function narrowerLead(query: string | undefined, candidateLead: string | undefined, candidateQuestion: string): number {
  if (query === undefined || candidateLead === undefined || candidateLead === query) return 0;
  if (candidateLead.endsWith(query)) return 1;
  if (!/^[a-z0-9]+$/.test(query) || !candidateLead.startsWith(query)) return 0;
  return new RegExp(`(?<![a-z0-9])${query}[-_.][a-z0-9]`).test(normalizeText(candidateQuestion)) ? 1 : 0;
}
