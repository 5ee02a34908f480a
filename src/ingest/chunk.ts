// Chunks prose that is not part of a Q&A unit: paragraphs packed up to a size that suits Chinese (about 300-800
// characters), with the previous paragraph repeated as overlap. Code fences, $$ math and tables stay whole. Pure.
import type { Unit } from '../core/types.js';
import type { LineItem } from './classify-lines.js';
import type { Section } from './extract-qa.js';

export interface ChunkOptions {
  /** Target maximum characters per chunk (a single unsplittable block may exceed it). */
  maxChars: number;
  /** Chunks shorter than this are merged with the next block when possible. */
  minChars: number;
  /** At most this many characters of the previous chunk's last paragraph are repeated. */
  overlapChars: number;
}

export const defaultChunkOptions: ChunkOptions = { maxChars: 800, minChars: 300, overlapChars: 200 };

interface Block {
  text: string;
  lineStart: number;
  lineEnd: number;
  atomic: boolean;
}

export function chunkSections(sections: Section[], options: ChunkOptions = defaultChunkOptions): Unit[] {
  return sections.flatMap((section) => packBlocks(blocksOf(section.items, options), section.topic, options));
}

function blocksOf(items: LineItem[], options: ChunkOptions): Block[] {
  const blocks: Block[] = [];
  let current: LineItem[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const atomic = current.some((item) => item.fenced) || current.every((item) => /^\|.*\|$/.test(item.text));
    const text = current.map((item) => (item.fenced ? item.raw : item.raw.trim())).join('\n');
    const lineStart = current[0]?.line ?? 0;
    const lineEnd = current.at(-1)?.lastLine ?? lineStart;
    if (!atomic && text.length > options.maxChars) blocks.push(...splitLongParagraph(text, lineStart, lineEnd, options.maxChars));
    else blocks.push({ text, lineStart, lineEnd, atomic });
    current = [];
  };
  for (const item of items) {
    const isTable = /^\|.*\|$/.test(item.text) && !item.fenced;
    const previous = current.at(-1);
    const boundary = previous !== undefined && (previous.fenced !== item.fenced || isTable !== (/^\|.*\|$/.test(previous.text) && !previous.fenced));
    if (item.kind === 'blank' && !item.fenced) {
      flush();
      continue;
    }
    if (boundary) flush();
    current.push(item);
  }
  flush();
  return blocks;
}

/** Splits a long paragraph at sentence ends (。！？.!?;；) into pieces no longer than maxChars where possible. */
function splitLongParagraph(text: string, lineStart: number, lineEnd: number, maxChars: number): Block[] {
  const sentences = text.match(/[^。！？!?;；\n]+[。！？!?;；]?\n?|\n/g) ?? [text];
  const pieces: Block[] = [];
  let buffer = '';
  for (const sentence of sentences) {
    if (buffer && buffer.length + sentence.length > maxChars) {
      pieces.push({ text: buffer.trim(), lineStart, lineEnd, atomic: false });
      buffer = '';
    }
    buffer += sentence;
  }
  if (buffer.trim()) pieces.push({ text: buffer.trim(), lineStart, lineEnd, atomic: false });
  return pieces;
}

function packBlocks(blocks: Block[], topic: string[], options: ChunkOptions): Unit[] {
  const units: Unit[] = [];
  let chunk: Block[] = [];
  const size = (list: Block[]) => list.reduce((total, block) => total + block.text.length + 2, 0);
  const emit = () => {
    if (chunk.length === 0) return;
    units.push({
      kind: 'prose',
      question: undefined,
      text: chunk.map((block) => block.text).join('\n\n'),
      topic,
      lineStart: chunk[0]?.lineStart ?? 0,
      lineEnd: chunk.at(-1)?.lineEnd ?? 0,
    });
    const last = chunk.at(-1);
    chunk = last && !last.atomic && last.text.length <= options.overlapChars && chunk.length > 1 ? [last] : [];
  };
  for (const block of blocks) {
    if (chunk.length > 0 && size(chunk) + block.text.length > options.maxChars && size(chunk) >= options.minChars) emit();
    chunk.push(block);
  }
  if (chunk.length > 0 && !(units.length > 0 && chunk.length === 1 && isOverlapOnly(chunk[0], units))) emit();
  return units;
}

function isOverlapOnly(block: Block | undefined, units: Unit[]): boolean {
  return block !== undefined && (units.at(-1)?.text.endsWith(block.text) ?? false);
}
