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
 */
const preamble = new Set(
  `举例 描述 详细 简单 简要 具体 介绍 解释 说说 讲讲 谈谈 聊聊 一下 请 了解 出现 产生 需要 常见 目前 当前 分别 通常 一般
  explain describe briefly detail detailed introduce tell walk through give example examples common`.split(/\s+/),
);

/** Head nouns nearly every question of an LLM interview carries; they say nothing about which topic is asked. */
const genericHeads = ['大规模语言模型', '大型语言模型', '大语言模型', '语言模型', '大模型', '模型', 'llms', 'llm', 'large', 'language', 'models', 'model'];
const generic = new Set(genericHeads);

/** The lead subject of a question's first clause, or undefined when it names none (e.g. "分析与总结?"). */
export function leadSubject(question: string, tokenize: Tokenize): string | undefined {
  const clause = question.split(/[?？。;；!！]/).find((part) => part.trim()) ?? question;
  const normalized = normalizeText(clause);
  let skipped = '';
  // The tokenizer follows a compound with its parts ("大语言模型" then "语言", "模型"): parts of a skipped word are skipped too.
  const lead = tokenize(clause).find((token) => {
    if (preamble.has(token) || generic.has(token)) skipped = token;
    else if (!skipped.includes(token) && !/^\p{Script=Han}$/u.test(token) && !/^\d+$/.test(token)) return true;
    return false;
  });
  if (!lead) return undefined;
  if (/^[a-z]/.test(lead)) {
    // A Latin token is read with the whole hyphenated name around it: "rag-fusion" is not "rag", "flashattention-2" is
    // not "flashattention".
    for (const name of normalized.match(/[a-z0-9]+(?:[-_.][a-z0-9]+)*/g) ?? []) {
      if (name.split(/[-_.]/).some((part) => stemLatin(part) === lead)) return name.replace(/[-_.]/g, '');
    }
    return lead;
  }
  // "大模型幻觉" asks about 幻觉: a generic head glued to the subject is dropped.
  const head = genericHeads.find((word) => lead.startsWith(word) && lead.length - word.length >= 2);
  return head ? lead.slice(head.length) : lead;
}

/** 1 when both questions lead with the same subject, else 0. */
export function leadAgreement(query: string | undefined, candidate: string | undefined): number {
  return query !== undefined && query === candidate ? 1 : 0;
}
