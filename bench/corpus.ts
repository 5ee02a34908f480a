// Generates the bench corpus: Chinese markdown notes rebuilt from the built-in bank in several shapes (question
// headings, numbered lists, bullet sub-questions, prose sections, English notes), deterministically from a seed.
// It records which bank id every generated question (and prose heading) came from, so bank-id labels can be judged.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BankQuestion } from '../src/bank/load-bank.js';
import { questionKeyOf } from '../src/ingest/index-units.js';
import { createRandom, type Random } from './prng.js';

export type NoteShape = 'headings' | 'numbered' | 'bullets' | 'prose' | 'english';

export interface NoteFile {
  /** Path relative to the corpus directory. */
  path: string;
  shape: NoteShape;
  content: string;
}

export interface CorpusTruth {
  /** questionKeyOf(generated question) -> bank ids it was generated from. */
  bankIdsByKey: Map<string, Set<string>>;
  /** Heading of a prose section -> the bank id whose answer the section holds. */
  bankIdsByHeading: Map<string, Set<string>>;
  /** Every bank id that appears somewhere in the corpus. */
  presentIds: Set<string>;
  /** Every generated question, for parser coverage. */
  questions: { id: string; text: string; key: string | undefined; shape: NoteShape }[];
}

export interface Corpus {
  files: NoteFile[];
  truth: CorpusTruth;
  bytes: number;
  generatedQuestions: number;
}

const shapeWeights: [NoteShape, number][] = [
  ['headings', 0.35],
  ['numbered', 0.25],
  ['bullets', 0.2],
  ['prose', 0.12],
  ['english', 0.08],
];

const remarks = [
  '面试时被追问过这一点\uFF0C要能讲清楚。',
  '这里容易答错\uFF0C注意区分。',
  '\uFF08自己补充\uFF09实际项目里也遇到过。',
  '记一下: 再看一遍原论文。',
];

export function generateCorpus(questions: readonly BankQuestion[], options: { seed: number; targetBytes: number }): Corpus {
  const random = createRandom(options.seed);
  const truth: CorpusTruth = { bankIdsByKey: new Map(), bankIdsByHeading: new Map(), presentIds: new Set(), questions: [] };
  const files: NoteFile[] = [];
  const byChapter = groupBy(questions, (question) => question.chapterId);
  let bytes = 0;
  let generatedQuestions = 0;
  // Round 0 holds every question once; later rounds repeat a shrinking share in other shapes and files.
  for (let round = 0; bytes < options.targetBytes && round < 20; round++) {
    const share = round === 0 ? 1 : Math.max(0.35, 0.85 - round * 0.15);
    for (const [chapterId, members] of byChapter) {
      const chosen = random.shuffle(members).filter(() => random.chance(share));
      for (let start = 0, part = 1; start < chosen.length; part++) {
        const size = random.int(4, 14);
        const group = chosen.slice(start, start + size);
        start += size;
        const shape = pickShape(random);
        const writer = new NoteWriter(random, truth);
        const content = writer.write(shape, group);
        generatedQuestions += writer.questions;
        const file = { path: `notes/r${round}/${chapterId}-${part}-${shape}.md`, shape, content };
        files.push(file);
        bytes += Buffer.byteLength(content);
      }
    }
  }
  return { files, truth, bytes, generatedQuestions };
}

export function writeCorpus(corpus: Corpus, directory: string): void {
  for (const file of corpus.files) {
    const target = join(directory, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

class NoteWriter {
  questions = 0;
  private readonly lines: string[] = [];
  private shape: NoteShape = 'headings';

  constructor(
    private readonly random: Random,
    private readonly truth: CorpusTruth,
  ) {}

  write(shape: NoteShape, group: BankQuestion[]): string {
    this.shape = shape;
    const chapter = group[0]?.topic[0] ?? { zh: '笔记', en: 'Notes' };
    const title = { headings: '面试笔记', numbered: '高频面试题整理', bullets: '知识点梳理', prose: '读书笔记', english: 'notes' }[shape];
    this.lines.push(shape === 'english' ? `# ${chapter.en} ${title}` : `# ${chapter.zh} ${title}`, '');
    group.forEach((question, index) => {
      if (shape === 'headings') this.headingQuestion(question);
      else if (shape === 'numbered') this.numberedQuestion(question, index + 1);
      else if (shape === 'bullets') this.bulletQuestion(question, group[index - 1]);
      else if (shape === 'prose') this.proseSection(question);
      else this.englishQuestion(question);
    });
    return `${this.lines.join('\n').trimEnd()}\n`;
  }

  private headingQuestion(question: BankQuestion): void {
    this.lines.push(`## ${this.question(question, reword(question.question.zh, this.random))}`, '', ...this.answer(question), '');
  }

  private numberedQuestion(question: BankQuestion, number: number): void {
    const text = this.question(question, reword(question.question.zh, this.random));
    // Answer lines indented so their own "1." lists nest under the question instead of ending it.
    this.lines.push(`${number}. ${text}`, '', ...this.answer(question).map((line) => (line ? `   ${line}` : line)), '');
  }

  private bulletQuestion(question: BankQuestion, previous: BankQuestion | undefined): void {
    const section = question.topic[1]?.zh;
    if (section && section !== previous?.topic[1]?.zh) this.lines.push(`## ${section}`, '');
    const text = this.question(question, reword(question.question.zh, this.random));
    this.lines.push(`- ${text}`, ...this.answer(question).map((line) => (line ? `  ${line}` : line)), '');
  }

  private proseSection(question: BankQuestion): void {
    const heading = `笔记 ${this.random.int(1, 99_999)}:${question.tags.slice(0, 2).join(' / ') || question.id}`;
    addTo(this.truth.bankIdsByHeading, heading, question.id);
    this.truth.presentIds.add(question.id);
    this.lines.push(`## ${heading}`, '', ...this.answer(question), '');
  }

  private englishQuestion(question: BankQuestion): void {
    const text = this.question(question, question.question.en);
    const paragraphs = question.answer.en.split('\n');
    this.lines.push(`## ${text}`, '', ...paragraphs.slice(0, Math.max(1, Math.ceil(paragraphs.length * this.keepShare()))), '');
  }

  /** Records the question's key for judging and returns it unchanged. */
  private question(question: BankQuestion, text: string): string {
    const key = questionKeyOf(text);
    if (key) addTo(this.truth.bankIdsByKey, key, question.id);
    this.truth.questions.push({ id: question.id, text, key, shape: this.shape });
    this.truth.presentIds.add(question.id);
    this.questions++;
    return text;
  }

  /** The Chinese answer, sometimes cut short, sometimes with an English summary or a personal remark. */
  private answer(question: BankQuestion): string[] {
    const lines = question.answer.zh.split('\n');
    const kept = lines.slice(0, Math.max(1, Math.ceil(lines.length * this.keepShare())));
    if (this.random.chance(0.2)) kept.push(`English: ${firstSentence(question.answer.en)}`);
    if (this.random.chance(0.1)) kept.push(this.random.pick(remarks));
    return kept;
  }

  private keepShare(): number {
    return this.random.pick([1, 1, 1, 0.7, 0.5]);
  }
}

/** Light rewording that keeps the meaning: full/half-width punctuation, spaces around Latin words, a polite prefix. */
export function reword(question: string, random: Random): string {
  let text = question;
  // Full-width forms written as escapes: editors and formatters tend to fold them to ASCII.
  if (random.chance(0.25)) text = text.replace(/\?/g, '\uFF1F');
  if (random.chance(0.15)) text = text.replace(/,/g, '\uFF0C');
  if (random.chance(0.1)) text = text.replace(/\(/g, '\uFF08').replace(/\)/g, '\uFF09');
  const spacing = random.next();
  if (spacing < 0.2) text = text.replace(/(\p{Script=Han}) ([A-Za-z0-9])/gu, '$1$2').replace(/([A-Za-z0-9]) (\p{Script=Han})/gu, '$1$2');
  else if (spacing < 0.36) text = text.replace(/(\p{Script=Han})([A-Za-z])/gu, '$1 $2').replace(/([A-Za-z])(\p{Script=Han})/gu, '$1 $2');
  if (random.chance(0.05)) text = `请问${text}`;
  if (random.chance(0.04)) text = text.replace(/[?\uFF1F]\s*$/, '');
  return text;
}

function pickShape(random: Random): NoteShape {
  let roll = random.next();
  for (const [shape, weight] of shapeWeights) {
    roll -= weight;
    if (roll < 0) return shape;
  }
  return 'headings';
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text.split('\n')[0] ?? '');
  return (match?.[0] ?? text.split('\n')[0] ?? '').trim();
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
