// The names a question is about (DPO, LoRA, vLLM, Qwen …) and whether a cited passage speaks of each. An offline
// answer quotes the notes; when the best passages never name what was asked ("What is the difference between DPO and
// PPO?" answered with the RLHF steps, "when B of LoRA is zero …" with a ZeRO-3 note because "zero" matched), the quote
// answers another question. Pure.
import type { GlossaryIndex } from '../text/glossary.js';
import { formsOf, normalizeForm } from '../text/glossary.js';
import { normalizeText } from '../text/normalize.js';

/**
 * Names that every LLM note carries or that notes write in other words without the name: not a sign of what is asked.
 * Read off the answer sets and the outline questions; short on purpose. RAG is here because notes on a RAG project
 * describe its retrieval without the word ("what was the final retrieval pipeline of the RAG project").
 */
const genericNames = new Set(['llm', 'llms', 'ai', 'nlp', 'gpu', 'gpus', 'cpu', 'cpus', 'api', 'apis', 'ok', 'faq', 'pdf', 'pdfs', 'rag']);

/** Where names are looked up: the glossary (proper names, other forms of a term). */
export interface NameVocabulary {
  glossary: GlossaryIndex;
}

export interface NamedSubject {
  /** The name as normalised ("lora"). */
  name: string;
  /** The name as the question writes it ("LoRA"), for messages. */
  written: string;
  /** Normalised forms that count as naming it: the name and, when it is a glossary form, its entry's other forms. */
  forms: string[];
}

/**
 * Names written the way product and method names are: an acronym (DPO, KV, GQA), a capital after a lower-case letter
 * (LoRA, vLLM, ZeRO, LLaMA), or a word the glossary writes capitalised (Qwen, Baichuan). An ordinary word is not one,
 * capitalised or shouted (Stanford, What, Tokenizer, ARCHITECTURE); neither is a typo in lower case. The glossary adds
 * the other forms of the same term (GQA / 分组查询注意力).
 */
export function namedSubjects(question: string, vocabulary: NameVocabulary): NamedSubject[] {
  const { glossary } = vocabulary;
  const names = new Map<string, NamedSubject>();
  for (const word of question.normalize('NFKC').match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
    const name = word.toLowerCase();
    if (name.length < 2 || genericNames.has(name) || names.has(name)) continue;
    const entries = (glossary.byForm.get(normalizeForm(name)) ?? []).flatMap((index) => glossary.entries[index] ?? []);
    const acronym = /^[A-Z][A-Z0-9]{1,5}$/.test(word);
    const camel = /[a-z][A-Z]/.test(word);
    const properName = /^[A-Z]/.test(word) && entries.some((entry) => /[A-Z]/.test(entry.en) || entry.abbr.some((abbr) => abbr.toLowerCase() === name));
    if (!acronym && !camel && !properName) continue;
    const forms = new Set([name]);
    for (const entry of entries) {
      for (const form of formsOf(entry)) {
        const normalized = normalizeText(form).trim();
        if (normalized.length >= 2) forms.add(normalized);
      }
    }
    names.set(name, { name, written: word, forms: [...forms] });
  }
  return [...names.values()];
}

/** Whether normalised text names the subject: a Latin form as a whole word, a Chinese form anywhere. */
export function namesSubject(normalized: string, subject: NamedSubject): boolean {
  return subject.forms.some((form) => {
    if (!/[a-z0-9]/.test(form)) return normalized.includes(form);
    // "kv cache", "kv-cache" and "kvcache" name the same thing: separators are optional between the form's parts.
    const parts = form
      .split(/[\s\-_/·.]+/)
      .filter(Boolean)
      .map(escapeRegExp);
    return new RegExp(`(?<![a-z0-9])${parts.join('[\\s\\-_/·.]*')}(?![a-z])`).test(normalized);
  });
}

/** The subjects of the question that none of the texts names. */
export function unnamedSubjects(question: string, texts: string[], vocabulary: NameVocabulary): NamedSubject[] {
  return missingSubjects(namedSubjects(question, vocabulary), texts);
}

/** The subjects (already read from a question) that none of the texts names. */
export function missingSubjects(subjects: NamedSubject[], texts: string[]): NamedSubject[] {
  if (subjects.length === 0) return [];
  const normalized = texts.map(normalizeText);
  return subjects.filter((subject) => !normalized.some((text) => namesSubject(text, subject)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
