// Offline answers, never invented text. When the best hit is a question that matches, its answer block: for a bank
// item its 30-second `brief` (or the full answer), for a note its answer block, cleaned of page junk. Otherwise
// passages chosen for coverage of the question with redundancy removed (MMR), from the best hits of ONE source
// class (the bank or the user's notes, whichever has the better evidence), lists kept whole, never a link, URL, image
// or code-comment line unless the question asks for code. The other source class is offered as "see also". Pure.
import { formatTopic } from '../core/topic-path.js';
import type { Citation, Hit } from '../core/types.js';
import { isTemplateWord } from '../retrieve/lead-subject.js';
import {
  ANSWER_BUDGET,
  ANSWER_CANDIDATES,
  MMR_LAMBDA,
  PASSAGE_EXPANSION_CREDIT,
  PASSAGE_RANK_DECAY,
  PASSAGE_RELEVANCE_FLOOR,
  QUESTION_MATCH_EVIDENCE,
} from '../retrieve/tuning.js';
import { normalizeText } from '../text/normalize.js';
import { textLanguage } from '../text/text-language.js';
import type { Tokenize } from '../text/tokenize.js';

export type AnswerLength = 'brief' | 'full';

export interface ExtractiveAnswer {
  answer: string;
  citations: Citation[];
}

/** What the answer needs of a bank item beyond the hit: its brief and key points, per language. */
export interface BankAnswerSource {
  brief?: { zh: string; en: string } | undefined;
  answer: { zh: string; en: string };
  keyPoints: { zh: string; en: string; aliases: string[] }[];
}

export interface ExtractiveInput {
  question: string;
  hits: Hit[];
  evidence: number;
  length: AnswerLength;
  language: 'zh' | 'en';
  tokenize: Tokenize;
  /** Evidence of each hit (same order as `hits`), from the search trace; the best hit's is `evidence`. */
  hitEvidence?: number[];
  /** How well each hit answers (same order as `hits`): evidence nudged by intent and subject agreement. */
  hitScores?: (number | undefined)[];
  /** The search's ordering score of each hit (the reranker's), which picks the answering hit when given. */
  hitOrder?: (number | undefined)[];
  /** Extra query tokens (glossary and lexicon expansions) that count, at a lower weight, as covering the question. */
  expansion?: string[];
  bankItem?: ((id: string) => BankAnswerSource | undefined) | undefined;
}

/** Evidence at or above this, with the best hit a Q&A with an answer, means "this question is in the notes". */
export const questionMatchEvidence = QUESTION_MATCH_EVIDENCE;

const budget = ANSWER_BUDGET;

export function extractiveAnswer(input: ExtractiveInput): ExtractiveAnswer {
  const { hits, length } = input;
  const { hit: best, score } = bestAnswered(input);
  if (best?.question && best.text.trim() && score >= QUESTION_MATCH_EVIDENCE) {
    const body = answerBlock(best, input);
    if (body) {
      const citations = [toCitation(best, 1)];
      const seeAlso = seeAlsoHit(hits, best);
      let answer = `${languageNote(body, input.language)}${body} [1]`;
      if (seeAlso) {
        citations.push(toCitation(seeAlso, 2));
        answer += `\n\n${input.language === 'zh' ? '另见' : 'See also'}: ${seeAlso.question ?? formatTopic(seeAlso.topic)} [2]`;
      }
      return { answer, citations };
    }
  }
  const lead = best ?? hits.find((hit) => hit.text.trim());
  // The hit that answers best leads the passages (and so is cited first), then the others in rank order.
  const primary = [...(lead ? [lead] : []), ...hits.filter((hit) => hit !== lead && hit.text.trim() && isBank(hit) === isBank(lead ?? hit))].slice(
    0,
    ANSWER_CANDIDATES,
  );
  const chosen = passagesAnswer(input, primary, budget[length]);
  if (chosen.citations.length === 0) return chosen;
  chosen.answer = `${languageNote(chosen.answer, input.language)}${chosen.answer}`;
  const seeAlso = lead ? seeAlsoHit(hits, lead) : undefined;
  if (seeAlso) {
    const n = chosen.citations.length + 1;
    chosen.citations.push(toCitation(seeAlso, n));
    chosen.answer += `\n\n${input.language === 'zh' ? '另见' : 'See also'}: ${seeAlso.question ?? formatTopic(seeAlso.topic)} [${n}]`;
  }
  return chosen;
}

/**
 * Offline answers quote the notes and cannot translate them: when an English question is answered from Chinese
 * notes (or the reverse), say so first instead of passing the quote off as an answer in the question's language.
 */
function languageNote(body: string, language: 'zh' | 'en'): string {
  if (textLanguage(body) === language) return '';
  return language === 'en' ? '(From your notes, which are in Chinese:)\n' : '(以下摘自英文笔记:)\n';
}

export function toCitation(hit: Hit, n: number): Citation {
  return { n, kb: hit.kb, path: hit.path, line: hit.line, question: hit.question, text: hit.text, questionId: hit.questionId };
}

/**
 * The answered question among the top hits that answers best: by evidence nudged by intent and subject agreement
 * (`hitScores`, when the search computed them), discounted for a weak answer block. An outline question without an
 * answer never answers, and a note whose answer stops at "以下方法:" (the list lost in scraping) or is in the other
 * language yields to a bank item that answers fully.
 */
function bestAnswered(input: ExtractiveInput): { hit: Hit | undefined; score: number } {
  let best: { hit: Hit | undefined; score: number; rank: number } = { hit: undefined, score: -1, rank: -1 };
  input.hits.slice(0, ANSWER_CANDIDATES).forEach((hit, index) => {
    if (!hit.question || !hit.text.trim()) return;
    const evidence = input.hitScores?.[index] ?? input.hitEvidence?.[index] ?? (index === 0 ? input.evidence : 0);
    const { block, language } = answerFit(hit, input);
    const score = evidence * block;
    // A note in the other language ranks below a bank item that answers in the question's language, but its answer
    // block still answers: "why did the project pick Qwen instead of LLaMA" matched its Chinese note at 0.51.
    const rank = score * language;
    if (rank > best.rank) best = { hit, score, rank };
  });
  return { hit: best.hit, score: best.score };
}

/**
 * How well a note's answer block answers (0.85 when nearly empty or stopping at "以下方法:") and how well its language
 * fits the question (0.9 in the other language). Bank items fit fully.
 */
function answerFit(hit: Hit, input: ExtractiveInput): { block: number; language: number } {
  if (isBank(hit)) return { block: 1, language: 1 };
  const clean = cleanBlock(hit.text, asksForCode(input.question));
  const han = (clean.match(/\p{Script=Han}/gu) ?? []).length;
  return {
    block: clean.replace(/[^\p{L}\p{N}]/gu, '').length < 40 || /[:：]\s*$/.test(clean) ? 0.85 : 1,
    language: (input.language === 'en') === han > clean.length * 0.2 ? 0.9 : 1,
  };
}

function isBank(hit: Hit): boolean {
  return hit.kb === 'builtin';
}

/** The best answered question of the other source class among the next hits, offered beside the answer. */
function seeAlsoHit(hits: Hit[], best: Hit): Hit | undefined {
  return hits.slice(1, ANSWER_CANDIDATES).find((hit) => isBank(hit) !== isBank(best) && hit.question && hit.text.trim());
}

/** The answer block of the matching question, in the requested length; undefined when nothing clean is left. */
function answerBlock(best: Hit, input: ExtractiveInput): string | undefined {
  const item = best.questionId && isBank(best) ? input.bankItem?.(best.questionId) : undefined;
  if (item) {
    if (input.length === 'full') return item.answer[input.language].trim();
    return item.brief?.[input.language].trim() ?? keyPointBrief(item, input.language);
  }
  const clean = cleanBlock(best.text, asksForCode(input.question));
  if (!clean) return undefined;
  return input.length === 'brief' ? briefOf(clean) : clean;
}

/**
 * A bank item without a written brief: the fewest paragraphs-in-order sentences of its answer that cover the most key
 * points (greedy set cover on key-point aliases), in reading order.
 */
export function keyPointBrief(item: BankAnswerSource, language: 'zh' | 'en', limit = 420): string {
  const sentences = splitSentences(item.answer[language]);
  const points = item.keyPoints.map((point) => [point[language], ...point.aliases].map((phrase) => compact(phrase)).filter((phrase) => phrase.length >= 2));
  const covers = sentences.map((sentence) => {
    const text = compact(sentence);
    return new Set(points.flatMap((phrases, index) => (phrases.some((phrase) => text.includes(phrase)) ? [index] : [])));
  });
  const chosen = new Set<number>();
  const covered = new Set<number>();
  let length = 0;
  for (;;) {
    let bestIndex = -1;
    let bestGain = 0;
    covers.forEach((cover, index) => {
      if (chosen.has(index)) return;
      const gain = [...cover].filter((point) => !covered.has(point)).length;
      if (gain > bestGain) {
        bestGain = gain;
        bestIndex = index;
      }
    });
    if (bestIndex < 0) break;
    const size = (sentences[bestIndex] ?? '').length;
    if (length > 0 && length + size > limit) break;
    chosen.add(bestIndex);
    length += size;
    for (const point of covers[bestIndex] ?? []) covered.add(point);
  }
  if (chosen.size === 0) return briefOf(item.answer[language]);
  return [...chosen]
    .sort((a, b) => a - b)
    .map((index, position) => {
      const sentence = sentences[index] ?? '';
      if (position === 0) return sentence;
      return listItem.test(sentence) ? `\n${sentence}` : `${language === 'zh' ? '' : ' '}${sentence}`;
    })
    .join('')
    .trim();
}

function compact(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The opening paragraphs (at least ~120 characters, so a one-line set-up is not all), cut at a sentence end near 300. */
export function briefOf(text: string, limit = 300): string {
  let paragraph = '';
  for (const part of text.trim().split(/\n\s*\n/)) {
    paragraph = paragraph ? `${paragraph}\n\n${part}` : part;
    if (paragraph.length >= 120) break;
  }
  if (paragraph.length <= limit) return paragraph;
  // A paragraph that opens a list (ends with ":") keeps its list: the point is in the items.
  const cut = paragraph.slice(0, limit);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('. '), cut.lastIndexOf('；'), cut.lastIndexOf('!'), cut.lastIndexOf('?'), cut.lastIndexOf('\n'));
  return end > limit / 3 ? cut.slice(0, end + 1).trim() : `${cut}…`;
}

const codeQuestion = /代码|实现|写一个|写出|手写|伪代码|code|implement|snippet|pytorch|numpy|命令|command|怎么写/i;

export function asksForCode(question: string): boolean {
  return codeQuestion.test(question);
}

/** Page junk a reader never wants as an answer line: links, URLs, images, code comments, CLI help, bare markup. */
export function isJunkLine(line: string, allowCode = false): boolean {
  const trimmed = line.trim();
  if (!trimmed) return false;
  if (/https?:\/\/|www\.|\]\(|!\[|<img\b/i.test(trimmed)) return true;
  if (!allowCode && /^(?:#(?!#)\s*\S|\/\/|\/\*|\*\s|--\s|>>>|\$\s|pip\s+install|python\s+\S+\.py|usage:)/i.test(trimmed)) return true;
  if (!allowCode && /^\s*-{1,2}[a-z][\w-]*(?:[\s=]|$)/i.test(trimmed)) return true;
  const letters = trimmed.replace(/[^\p{L}\p{N}]/gu, '');
  return letters.length < 2;
}

/** A note's answer block without junk lines; fenced code kept only when the question asks for code. */
export function cleanBlock(text: string, allowCode: boolean): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    const fence = /^\s*(```|~~~)/.test(line);
    if (fence || fenced) {
      if (allowCode) out.push(line);
      if (fence) fenced = !fenced;
      continue;
    }
    if (isJunkLine(line, allowCode)) continue;
    out.push(line);
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Passage {
  hitIndex: number;
  order: number;
  text: string;
  tokens: Set<string>;
  relevance: number;
}

/**
 * Passages of the top hits chosen by maximal marginal relevance: each step takes the passage with the best
 * relevance minus its overlap with what was already chosen, until the length budget. A list and the line that
 * introduces it ("可以采取以下方法:") are one passage, so a list is never cut from its lead.
 */
function passagesAnswer(input: ExtractiveInput, hits: Hit[], limit: number): ExtractiveAnswer {
  const queryTokens = new Set(input.tokenize(input.question));
  const expansion = new Set((input.expansion ?? []).filter((token) => !queryTokens.has(token)));
  const allowCode = asksForCode(input.question);
  const passages: Passage[] = [];
  hits.forEach((hit, hitIndex) => {
    passagesOf(cleanBlock(hit.text, allowCode)).forEach((text, order) => {
      if (isNavigationList(text)) return;
      const tokens = new Set(input.tokenize(text));
      let overlap = 0;
      for (const token of queryTokens) if (tokens.has(token)) overlap += /^\p{Script=Han}$/u.test(token) ? 0.5 : 1;
      for (const token of expansion) if (tokens.has(token)) overlap += PASSAGE_EXPANSION_CREDIT;
      if (overlap <= 0) return;
      // Another hit's passage must share a word that says what is asked: "model" or "大模型" alone matched a sentence
      // on speculative decoding into an answer on repetition.
      if (hitIndex > 0 && !sharesContentWord(tokens, queryTokens, expansion)) return;
      const relevance = overlap / Math.sqrt(Math.min(tokens.size, 60) + 1) - hitIndex * PASSAGE_RANK_DECAY;
      passages.push({ hitIndex, order, text, tokens, relevance });
    });
  });
  const chosen: Passage[] = [];
  let used = 0;
  // The lead hit (the one that answers best) opens the answer with its most relevant passage, so it is cited [1]
  // even when another hit's sentence shares more words with the question.
  const lead = passages.filter((passage) => passage.hitIndex === 0).sort((a, b) => b.relevance - a.relevance)[0];
  if (lead) {
    passages.splice(passages.indexOf(lead), 1);
    chosen.push(lead);
    used += lead.text.length;
  }
  const lambda = MMR_LAMBDA;
  // Sharing far fewer of the question's words than the opening passage, another hit's passage patches in a side
  // topic. Counted in words, not length-normalised relevance: a list that answers is long and would always lose.
  const floor = (lead?.relevance ?? 0) * PASSAGE_RELEVANCE_FLOOR;
  for (let index = passages.length - 1; index >= 0; index--) {
    const passage = passages[index] as Passage;
    if (passage.hitIndex > 0 && passage.relevance < floor) passages.splice(index, 1);
  }
  while (passages.length > 0) {
    let bestIndex = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    passages.forEach((passage, index) => {
      const redundancy = Math.max(0, ...chosen.map((other) => jaccard(passage.tokens, other.tokens)));
      const score = lambda * passage.relevance - (1 - lambda) * redundancy;
      if (score > bestScore) {
        bestScore = score;
        bestIndex = index;
      }
    });
    const [next] = passages.splice(bestIndex, 1);
    if (!next) break;
    if (chosen.some((other) => jaccard(next.tokens, other.tokens) > 0.8)) continue;
    if (used > 0 && used + next.text.length > limit) continue;
    chosen.push(next);
    used += next.text.length;
    if (used >= limit) break;
  }
  chosen.sort((a, b) => a.hitIndex - b.hitIndex || a.order - b.order);
  const numbers = new Map<number, number>();
  const citations: Citation[] = [];
  const parts = chosen.map((entry) => {
    let n = numbers.get(entry.hitIndex);
    if (n === undefined) {
      n = citations.length + 1;
      numbers.set(entry.hitIndex, n);
      citations.push(toCitation(hits[entry.hitIndex] as Hit, n));
    }
    return `${entry.text.trim()} [${n}]`;
  });
  return { answer: parts.join('\n'), citations };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

const listItem = /^\s*(?:[-*+•·]|\d{1,3}[.)、]|[(（]?\d{1,3}[)）])\s*\S/;

/** A line that names its item before a colon: "zero1: 将 adam 的参数分割成 N 份", "Prefill:并行处理 prompt". */
const labelItem = /^\s*[\p{L}\p{N}][\p{L}\p{N} ._-]{0,15}[:：]\s*\S/u;

/** A list item that is a section entry of a table of contents: "• 1.3.1 Residual state", "• 四、什么是逐步 Zero-shot". */
const tocEntry = /^\s*[-*+•·]\s*(?:\d{1,3}(?:\.\d{1,3})+\.?\s|[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十\d]{1,3}[章节篇部分])/;
/**
 * A scraped site's table of contents also numbers top-level sections without a dot ("• 7 并行 transformer block"):
 * with the round bullet those pages use (never Markdown's "-" or "*") and a bare title, it is an entry too.
 */
const bareTocEntry = /^\s*[•·]\s*\d{1,2}\s+[^,，。;；:：!！]{1,40}$/;

/**
 * A list whose items are mostly table-of-contents entries: a scraped page's navigation (its own sections and its
 * siblings'), which names the query's words without saying anything about them. Never an answer line.
 */
export function isNavigationList(passage: string): boolean {
  const items = passage.split('\n').filter((line) => listItem.test(line));
  if (items.length === 0) return false;
  const entries = items.filter((line) => tocEntry.test(line) || bareTocEntry.test(line)).length;
  return entries * 2 >= items.length;
}

/** Sentences of prose lines; a list (with the line that introduces it, if any) is one passage; code blocks whole. */
export function passagesOf(text: string): string[] {
  const passages: string[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (!line.trim()) continue;
    if (/^\s*(```|~~~)/.test(line)) {
      const block = [line];
      while (index + 1 < lines.length) {
        index++;
        block.push(lines[index] ?? '');
        if (/^\s*(```|~~~)/.test(lines[index] ?? '')) break;
      }
      passages.push(block.join('\n'));
      continue;
    }
    const next = lines[index + 1] ?? '';
    // After a lead-in ("Zero包括3种方案,逐步递进:"), lines that each name their item ("zero1:…", "zero2:…") are its list.
    const labelled = /[:：]\s*$/.test(line) && labelItem.test(next);
    const opensList = /[:：]\s*$/.test(line) && listItem.test(next);
    if (listItem.test(line) || opensList || labelled) {
      const block = [line.trimEnd()];
      const item = (candidate: string) => listItem.test(candidate) || (labelled && labelItem.test(candidate)) || /^\s{2,}\S/.test(candidate);
      while (index + 1 < lines.length && item(lines[index + 1] ?? '')) {
        index++;
        block.push((lines[index] ?? '').trimEnd());
      }
      passages.push(block.join('\n'));
      continue;
    }
    passages.push(...splitSentences(line));
  }
  return passages;
}

export function splitSentences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.match(/[^。！？!?]+?(?:[。！？!?]+|(?<=[^\d\s.])\.(?=\s|$)|$)/g) ?? [])
    .map((sentence) => sentence.trim())
    .filter((sentence) => normalizeText(sentence).replace(/[^\p{L}\p{N}]/gu, '').length >= 4);
}

/** A shared word that is neither one Han character nor a word every interview question carries (模型, model, 介绍). */
function sharesContentWord(tokens: Set<string>, queryTokens: Set<string>, expansion: Set<string>): boolean {
  for (const token of [...queryTokens, ...expansion]) {
    if (tokens.has(token) && !/^\p{Script=Han}$/u.test(token) && !isTemplateWord(token)) return true;
  }
  return false;
}
