// Every supported format and encoding through parseDocument: the same question and answer come out of Markdown,
// text, HTML, DOCX and PDF, line numbers point into the original file, and each bad input fails with its own code.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureQuestion, makeDocx, makePdf, writeBadInputs, writeFormatFixtures } from '../../test/support/make-fixtures.js';
import { isAppError } from '../core/errors.js';
import { formatOf } from '../core/formats.js';
import type { DocumentFormat, ParsedDocument } from '../core/types.js';
import { parseDocument } from './parse-document.js';

let dir: string;
let fixtures: FixtureQuestion[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mianba-parse-'));
  fixtures = await writeFormatFixtures(join(dir, 'notes'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parseFile(path: string): Promise<ParsedDocument> {
  return parseDocument(path, formatOf(path) as DocumentFormat, readFileSync(path));
}

async function failureOf(path: string): Promise<string | undefined> {
  try {
    await parseFile(path);
  } catch (error) {
    return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
  }
  return undefined;
}

describe('each format yields its question and answer', () => {
  it.each(['attention.md', 'decoding.txt', 'serving.html', 'memory.htm', 'alignment.docx', 'lora.pdf'])('%s', async (file) => {
    const fixture = fixtures.find((candidate) => candidate.file === file) as FixtureQuestion;
    const document = await parseFile(join(dir, 'notes', file));
    const unit = document.units.find((candidate) => candidate.question === fixture.question);
    expect(unit).toMatchObject({ kind: 'qa', text: fixture.answer, topic: [fixture.topic], lineStart: fixture.line });
    expect(document.units.every((candidate) => candidate.lineStart >= 1 && candidate.lineStart <= candidate.lineEnd)).toBe(true);
  });

  it('records format, size, title and a SHA-256 of the bytes', async () => {
    const path = join(dir, 'notes', 'attention.md');
    const document = await parseFile(path);
    const bytes = readFileSync(path);
    expect(document).toMatchObject({ path, format: 'markdown', bytes: bytes.length, title: '注意力机制' });
    expect(document.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('takes a DOCX Heading 1 as the topic of the questions under it', async () => {
    const document = await parseFile(join(dir, 'notes', 'alignment.docx'));
    expect(document.title).toBe('Preference alignment');
    expect(document.units.map((unit) => [unit.question, unit.topic])).toEqual([
      ['What does DPO optimise instead of a reward model?', ['Preference alignment']],
      ['Why is a reference model kept?', ['Preference alignment']],
    ]);
  });

  it('reads the text lines of a hand-written PDF in order', async () => {
    const document = await parseFile(join(dir, 'notes', 'lora.pdf'));
    expect(document.units.map((unit) => [unit.question, unit.lineStart, unit.lineEnd])).toEqual([
      ['What is LoRA?', 2, 3],
      ['Why is B initialised to zero?', 4, 5],
    ]);
  });

  it('stores an HTML page’s text as a browser shows it, decoding entities once', async () => {
    const page = Buffer.from('<h2>HTML 里怎么写小于号?</h2>\n<p>写成 &amp;lt; 浏览器才会显示 &lt;。</p>\n');
    const [unit] = (await parseDocument('escape.html', 'html', page)).units;
    expect(unit?.text).toBe('写成 &lt; 浏览器才会显示 <。');
  });

  it('points HTML units at the lines of the page, not of the extracted text', async () => {
    const path = join(dir, 'notes', 'serving.html');
    const page = readFileSync(path, 'utf8').split('\n');
    const [unit] = (await parseFile(path)).units;
    expect(page[(unit?.lineStart ?? 0) - 1]).toContain('<h2>');
    expect(page[(unit?.lineEnd ?? 0) - 1]).toContain('<p>');
  });
});

describe('each encoding yields the same units as UTF-8', () => {
  const text = '大模型推理\n\n1. 什么是 KV cache?\n缓存每一层注意力的键和值,避免重复计算。\n2. 为什么大模型需要量化?\n降低显存占用和推理延迟。\n';
  const expected = async () => (await parseDocument('note.txt', 'text', Buffer.from(text))).units;

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['GB18030', iconv.encode(text, 'gb18030')],
    ['GBK', iconv.encode(text, 'gbk')],
    ['CRLF line ends', Buffer.from(text.replace(/\n/g, '\r\n'))],
  ])('%s', async (_name, bytes) => {
    const units = (await parseDocument('note.txt', 'text', bytes)).units;
    expect(units).toEqual(await expected());
    expect(units.map((unit) => unit.question)).toEqual(['什么是 KV cache?', '为什么大模型需要量化?']);
  });

  it('reads GBK-encoded HTML pages too', async () => {
    const html = '<h2>什么是投机解码?</h2>\n<p>草稿模型先猜,大模型再并行验证,接受的部分与大模型分布一致。</p>\n';
    const units = (await parseDocument('page.html', 'html', iconv.encode(html, 'gbk'))).units;
    expect(units.map((unit) => [unit.question, unit.text])).toEqual([['什么是投机解码?', '草稿模型先猜,大模型再并行验证,接受的部分与大模型分布一致。']]);
  });
});

describe('bad inputs fail with a code the user can act on', () => {
  it('reports each bad file with its own code', async () => {
    const files = writeBadInputs(join(dir, 'bad'));
    const at = (name: string) => join(dir, 'bad', name);
    expect(await failureOf(at(files.empty))).toBe('empty_document');
    expect(await failureOf(at(files.binary))).toBe('binary_file');
    expect(await failureOf(at(files.corruptPdf))).toBe('parse_failed');
    expect(await failureOf(at(files.corruptDocx))).toBe('parse_failed');
    expect(await failureOf(at(files.undecodable))).toBe('decode_failed');
  });

  it('treats a file of only blank lines, chrome and adverts as empty', async () => {
    const noise = Buffer.from('\n\n   \nSkip to content\n\n点击查看答案\n\n扫码加入面试交流群\n');
    await expect(parseDocument('noise.txt', 'text', noise)).rejects.toMatchObject({ code: 'empty_document' });
  });

  it('refuses a .docx that is not a zip and a .pdf without a PDF header', async () => {
    await expect(parseDocument('x.docx', 'docx', Buffer.from('plain text renamed to .docx'))).rejects.toMatchObject({ code: 'parse_failed' });
    await expect(parseDocument('x.pdf', 'pdf', Buffer.from('plain text renamed to .pdf'))).rejects.toMatchObject({ code: 'parse_failed' });
  });

  it('refuses a DOCX and a PDF cut off halfway, as happens with interrupted downloads', async () => {
    const docx = await makeDocx([{ text: 'What is RLHF?' }, { text: 'Reinforcement learning from human feedback.' }]);
    await expect(parseDocument('cut.docx', 'docx', docx.subarray(0, Math.floor(docx.length / 2)))).rejects.toMatchObject({ code: 'parse_failed' });
    const pdf = makePdf(['1. What is RLHF?', 'Reinforcement learning from human feedback.']);
    await expect(parseDocument('cut.pdf', 'pdf', pdf.subarray(0, 60))).rejects.toMatchObject({ code: 'parse_failed' });
  });
});

describe('formatOf', () => {
  it('maps every supported extension, in any case, and nothing else', () => {
    const formats = ['a.md', 'a.markdown', 'a.mdx', 'a.txt', 'a.text', 'a.html', 'a.htm', 'a.pdf', 'a.docx', 'A.MD', 'B.PDF'].map(formatOf);
    expect(formats).toEqual(['markdown', 'markdown', 'markdown', 'text', 'text', 'html', 'html', 'pdf', 'docx', 'markdown', 'pdf']);
    expect(['a.doc', 'a.rtf', 'a.json', 'README', 'a.md.bak'].map(formatOf)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
