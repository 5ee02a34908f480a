// Turns cleaned lines into Q&A units and prose sections. Questions are headings, numbered lines, bullets or short
// paragraphs that end in ?/？, or that read as questions and own an answer block; the answer runs to the next
// question or heading. Non-question items with questions below them become the topic path. Pure.
import type { Unit } from '../core/types.js';
import { classifyLines, type LineItem } from './classify-lines.js';

export interface Section {
  topic: string[];
  items: LineItem[];
}

export interface Extraction {
  units: Unit[];
  /** Text outside any question, grouped under its topic, for the prose chunker. */
  prose: Section[];
}

const questionEnd = /[?\uFF1F]\s*[)）\]】]?\s*$/;
const questionWords =
  /什么|如何|为何|为什么|怎么|怎样|哪|吗|呢|是否|能否|可否|有没有|介绍|说说|说一说|谈谈|讲讲|简述|解释|描述|对比|比较|区别|异同|优缺点|优劣|原理|作用|思路|公式|多少|几种|几步|^(?:what|how|why|which|when|explain|describe|compare|is|are|does|do|can|should)\b/i;
/**
 * Without a question mark, a line is a question only when it asks: an interrogative, or an imperative that opens it
 * ("介绍一下…", "简述…"), or a comparison. Topic nouns alone ("jieba分词原理分析", "LoRA 作用") make a title.
 */
/** Imperatives that open an interview question ("介绍一下…", "简述…"), after an optional polite or degree word. */
const politePrefix = '(?:请|试|详细|简单|简要)?';
const imperativeVerbs = '介绍|说说|说一说|谈谈|讲讲|讲一讲|简述|简要|解释|描述|对比|比较|列举|推导|写出|写一下|阐述';
const askingWords = new RegExp(
  `什么|如何|为何|为什么|怎么|怎样|哪些|哪个|哪种|吗|呢|是否|能否|可否|有没有|多少|几种|几步|区别|异同|优缺点|优劣|\\p{L}{2,}(?:的)?(?:原理|作用|思路|流程|机制|公式)$|^${politePrefix}(?:${imperativeVerbs})|^(?:what|how|why|which|when|where|explain|describe|compare|is|are|does|do|can|should|could|would|list|give)\\b`,
  'iu',
);

export function extractUnits(lines: string[]): Extraction {
  const { items, roles } = assignRoles(classifyLines(lines));
  const units: Unit[] = [];
  const prose: Section[] = [];
  const topics: { rank: number; text: string }[] = [];
  let current: { item: LineItem; topic: string[]; answer: LineItem[] } | undefined;
  let proseSection: Section | undefined;

  const closeQuestion = () => {
    if (current) units.push(toUnit(current.item, current.topic, current.answer));
    current = undefined;
  };
  items.forEach((item, index) => {
    const role = roles[index];
    if (role === 'topic' || role === 'question') {
      closeQuestion();
      proseSection = undefined;
      while (topics.length > 0 && (topics.at(-1)?.rank ?? 0) >= item.rank) topics.pop();
      if (role === 'topic') topics.push({ rank: item.rank, text: item.text });
      else current = { item, topic: topics.map((topic) => topic.text), answer: [] };
      return;
    }
    const sibling = (item.kind === 'numbered' || item.kind === 'bullet') && current !== undefined && item.rank <= current.item.rank;
    if (current && !sibling) {
      current.answer.push(item);
      return;
    }
    closeQuestion();
    if (item.kind === 'blank' && !proseSection) return;
    if (!proseSection) {
      proseSection = { topic: topics.map((topic) => topic.text), items: [] };
      prose.push(proseSection);
    }
    proseSection.items.push(item);
  });
  closeQuestion();
  return { units, prose: prose.filter((section) => section.items.some((item) => item.kind !== 'blank')) };
}

type Role = 'topic' | 'question' | 'content';

/**
 * The role of every item, and the items with plain headings re-ranked (a new array: the classified lines are not
 * changed, so the caller can compare or re-run).
 */
function assignRoles(classified: readonly LineItem[]): { items: LineItem[]; roles: Role[] } {
  const items = [...classified];
  const answered = items.map((_, index) => hasAnswerBlock(items, index));
  const shaped = items.map(
    (item, index) =>
      isStructural(item) && looksLikeQuestion(item, answered[index] ?? false) && (item.kind !== 'body' || (items[index - 1]?.kind ?? 'blank') === 'blank'),
  );
  const dominant = questionDominantRanks(items, shaped);
  const roles: Role[] = items.map((item, index) => {
    if (!isStructural(item)) return 'content';
    if (shaped[index]) return 'question';
    if (item.kind === 'numbered' && dominant.has(item.rank) && isQuestionLength(item.text) && !/https?:\/\//.test(item.text)) {
      if (answered[index] ? asksWithoutMark(stripNumbering(item.text.replace(/\*\*/g, ''))) || questionEnd.test(item.text) : questionWords.test(item.text))
        return 'question';
    }
    return item.kind === 'heading' ? 'topic' : 'content';
  });
  // List items and plain paragraphs that are not questions but head questions below them become topics.
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as LineItem;
    if (roles[index] !== 'content' || item.fenced || item.kind === 'blank') continue;
    if ((item.kind === 'numbered' || item.kind === 'bullet') && headsQuestions(items, roles, index)) roles[index] = 'topic';
    else if (item.kind === 'body' && isPlainHeading(items, roles, index)) {
      roles[index] = 'topic';
      items[index] = { ...item, rank: plainHeadingRank(items, roles, index) };
    }
  }
  return { items, roles };
}

function isStructural(item: LineItem): boolean {
  if (item.fenced) return false;
  if (item.kind === 'heading' || item.kind === 'numbered' || item.kind === 'bullet') return true;
  return item.kind === 'body';
}

function looksLikeQuestion(item: LineItem, answered: boolean): boolean {
  const bold = /^\*\*[^*]+\*\*[:\uFF1A]?$/.test(item.text);
  const text = item.text.replace(/\*\*/g, '').trim();
  if (!isQuestionLength(text) || /https?:\/\//.test(text)) return false;
  if (item.kind === 'body') return questionEnd.test(text) && text.length <= 60;
  if (questionEnd.test(text)) return true;
  return answered && !bold && asksWithoutMark(stripNumbering(text));
}

/** An imperative that opens an interview question ("介绍一下…", "手写一个…", "请从…"); such a line may run longer. */
const asksFirst = new RegExp(`^${politePrefix}(?:${imperativeVerbs}|举例|举几个|手写|手撕)|^(?:explain|describe|compare|implement|derive)\\b`, 'iu');

/**
 * A question without "?" at its end: asking words, short, and not a statement (no sentence end inside). An imperative
 * may close with a full stop ("介绍一下 Prefix Tuning 的思路和优缺点。") and, opening the line, run to 60 characters; a
 * line that has already asked may end with an imperative clause ("什么是 LoRA?它的思路是什么?解释一下它的原理。",
 * "…?请从数据、训练几个角度分析。"). Interview questions are written all these ways.
 */
function asksWithoutMark(text: string): boolean {
  const closed = /[。.]$/.test(text);
  const body = text.replace(/[。.]$/, '').trim();
  const lastClause =
    body
      .split(/[?\uFF1F]/)
      .at(-1)
      ?.trim() ?? '';
  const statement = /[。;\uFF1B!\uFF01]|[.:\uFF1A]$/;
  // A full stop closes a question only after an imperative ("校验:看是否一致。" is a statement, though it says 是否).
  const imperative = (clause: string) => asksFirst.test(clause) || /^请/.test(clause);
  if (lastClause !== body) return lastClause.length <= 60 && (closed ? imperative(lastClause) : askingWords.test(lastClause)) && !statement.test(lastClause);
  if (closed) return body.length <= 60 && asksFirst.test(body) && !statement.test(body);
  return body.length <= 40 && askingWords.test(body) && !statement.test(body);
}

function isQuestionLength(text: string): boolean {
  return text.length >= 2 && text.length <= 160;
}

/** The next non-blank item is answer content: body text, or a list item that is not itself a question. */
function hasAnswerBlock(items: LineItem[], index: number): boolean {
  const item = items[index] as LineItem;
  let next = index + 1;
  while (items[next]?.kind === 'blank') next++;
  const following = items[next];
  if (!following) return false;
  if (following.kind === 'heading') return false;
  if (following.kind === 'body') return !(following.text.length <= 60 && questionEnd.test(following.text));
  return following.rank > item.rank && !questionEnd.test(following.text);
}

/** Ranks of numbered items where at least 60% of the items are question-shaped (numbered Q&A posts). */
function questionDominantRanks(items: LineItem[], shaped: boolean[]): Set<number> {
  const counts = new Map<number, { total: number; questions: number }>();
  items.forEach((item, index) => {
    if (item.kind !== 'numbered' || item.fenced) return;
    const count = counts.get(item.rank) ?? { total: 0, questions: 0 };
    count.total++;
    if (shaped[index]) count.questions++;
    counts.set(item.rank, count);
  });
  const ranks = new Set<number>();
  for (const [rank, count] of counts) if (count.total >= 3 && count.questions / count.total >= 0.6) ranks.add(rank);
  return ranks;
}

function headsQuestions(items: LineItem[], roles: Role[], index: number): boolean {
  const item = items[index] as LineItem;
  for (let next = index + 1; next < items.length; next++) {
    const candidate = items[next] as LineItem;
    if (candidate.kind === 'blank' || candidate.kind === 'body') {
      if (candidate.kind === 'body' && roles[next] !== 'topic') return false;
      continue;
    }
    if (candidate.rank <= item.rank) return false;
    return roles[next] === 'question' || roles[next] === 'topic';
  }
  return false;
}

/** A short standalone line without end punctuation, between blank lines, followed by a question or topic. */
function isPlainHeading(items: LineItem[], roles: Role[], index: number): boolean {
  const item = items[index] as LineItem;
  if (item.text.length > 40 || /[。.,\uFF0C;\uFF1B:\uFF1A!\uFF01、]$/.test(item.text) || !/\p{L}{2}/u.test(item.text)) return false;
  const previous = items[index - 1];
  const after = items[index + 1];
  const atStart = items.slice(0, index).every((before) => before.kind === 'blank');
  if ((previous && previous.kind !== 'blank') || (after && after.kind !== 'blank' && !atStart)) return false;
  let next = index + 1;
  while (items[next]?.kind === 'blank') next++;
  const role = roles[next];
  return role === 'question' || role === 'topic';
}

/** Plain headings rank just below numbered chapter headings; one directly above another plain heading ranks higher. */
function plainHeadingRank(items: LineItem[], roles: Role[], index: number): number {
  let next = index + 1;
  while (items[next]?.kind === 'blank') next++;
  const following = items[next];
  if (following && roles[next] === 'topic' && following.kind === 'body') return following.rank - 0.5;
  return 8;
}

function toUnit(item: LineItem, topic: string[], answer: LineItem[]): Unit {
  const content = trimBlankEdges(answer);
  const text = isSectionList(content)
    ? ''
    : content
        .map((line) => (line.fenced ? line.raw : line.raw.trim()))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n');
  return {
    kind: 'qa',
    question: stripNumbering(item.text),
    text,
    topic,
    lineStart: item.line,
    lineEnd: content.at(-1)?.lastLine ?? item.lastLine,
  };
}

/**
 * An outline's sub-section list under a question ("2.1 不使用 KV Cache 场景", "2.2 使用 KV Cache 场景", "...") is a
 * table of contents, not an answer: every item a short numbered title without sentence punctuation, one at least
 * with section numbering (2.1) or an ellipsis.
 */
function isSectionList(content: LineItem[]): boolean {
  const lines = content.filter((line) => line.kind !== 'blank');
  if (lines.length === 0) return false;
  const title = (line: LineItem) =>
    (line.kind === 'bullet' || line.kind === 'numbered') && !line.fenced && line.text.length <= 40 && !/[。，,;；:：!！?？]/.test(line.text);
  const sectioned = lines.some((line) => /^(?:[•·*+-]\s*)?\d{1,3}(?:\.\d{1,3})+\s/.test(line.raw.trim()) || /^(?:\.{3,}|…+)$/.test(line.text));
  return sectioned && lines.every((line) => title(line) || /^(?:\.{3,}|…+)$/.test(line.text));
}

export function trimBlankEdges(items: LineItem[]): LineItem[] {
  let start = 0;
  let end = items.length;
  while (start < end && items[start]?.kind === 'blank') start++;
  while (end > start && items[end - 1]?.kind === 'blank') end--;
  return items.slice(start, end);
}

/** "1 目前主流的..." and "Q: ..." keep their numbering in the outline; the question text should not. */
export function stripNumbering(text: string): string {
  return text
    .replace(/^(?:\d{1,3}(?:\.\d{1,3})*[.、)]?\s+|\d{1,3}(?:\.\d{1,3})*[.、)](?=\p{Script=Han})|[一二三四五六七八九十]+\s*[、.]\s*|Q\s*[:\uFF1A]\s*)/iu, '')
    .trim();
}
