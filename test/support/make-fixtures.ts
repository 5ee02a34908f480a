// Builds ingest fixtures at test time: one small file per supported format (each with one known question and
// answer), a DOCX assembled with jszip, a hand-written PDF 1.4, the bad inputs ingest must survive, and a large
// generated Markdown file for the kill test. Writes only under the directory it is given.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

/** The one question a fixture file is known to hold: its topic, its answer and the line a citation points at. */
export interface FixtureQuestion {
  file: string;
  topic: string;
  question: string;
  answer: string;
  /** 1-based line of the question in the file (for DOCX and PDF: in the extracted text). */
  line: number;
}

export const formatFixtures: readonly FixtureQuestion[] = [
  {
    file: 'attention.md',
    topic: '注意力机制',
    question: '多头注意力为什么要拆成多个头?',
    answer: '每个头在不同的子空间里学习不同的关注模式,拼接后表达能力更强。',
    line: 3,
  },
  {
    file: 'decoding.txt',
    topic: '解码策略',
    question: '束搜索和贪心解码有什么区别?',
    answer: '贪心每步只保留概率最高的词元,束搜索同时保留若干条候选序列。',
    line: 3,
  },
  {
    file: 'serving.html',
    topic: '推理服务',
    question: '连续批处理解决了什么问题?',
    answer: '请求结束后立刻让新请求补位,GPU 不必等整批中最长的序列。',
    line: 7,
  },
  {
    file: 'memory.htm',
    topic: '显存优化',
    question: '梯度累积能省显存吗?',
    answer: '能,它用多次小批量前向反向模拟一个大批量,峰值激活只取决于小批量。',
    line: 7,
  },
  {
    file: 'alignment.docx',
    topic: 'Preference alignment',
    question: 'What does DPO optimise instead of a reward model?',
    answer: 'It optimises a classification loss on preference pairs directly.',
    line: 3,
  },
  {
    file: 'lora.pdf',
    topic: 'Fine-tuning notes',
    question: 'What is LoRA?',
    answer: 'LoRA freezes the base weights and trains two small low-rank matrices beside them.',
    line: 2,
  },
];

/** Writes .md, .txt, .html, .htm, .docx and .pdf notes into `dir`, each holding its fixture question and one more. */
export async function writeFormatFixtures(dir: string): Promise<FixtureQuestion[]> {
  mkdirSync(dir, { recursive: true });
  const [md, txt, html, htm, docx, pdf] = formatFixtures as [
    FixtureQuestion,
    FixtureQuestion,
    FixtureQuestion,
    FixtureQuestion,
    FixtureQuestion,
    FixtureQuestion,
  ];
  writeFileSync(join(dir, md.file), `# ${md.topic}\n\n## ${md.question}\n\n${md.answer}\n\n## 注意力分数为什么要缩放?\n\n防止点积过大让 softmax 饱和。\n`);
  writeFileSync(join(dir, txt.file), `${txt.topic}\n\n1. ${txt.question}\n${txt.answer}\n2. 温度参数调高会怎样?\n分布变平,输出更随机。\n`);
  writeFileSync(join(dir, html.file), htmlPage(html.topic, html.question, html.answer));
  writeFileSync(join(dir, htm.file), htmlPage(htm.topic, htm.question, htm.answer));
  const docxParagraphs: DocxParagraph[] = [{ text: docx.topic, style: 'Heading1' }, { text: docx.question }, { text: docx.answer }];
  docxParagraphs.push({ text: 'Why is a reference model kept?' }, { text: 'It keeps the policy close to where it started.' });
  writeFileSync(join(dir, docx.file), await makeDocx(docxParagraphs));
  writeFileSync(
    join(dir, pdf.file),
    makePdf([pdf.topic, `1. ${pdf.question}`, pdf.answer, '2. Why is B initialised to zero?', 'So that training starts exactly from the base model.']),
  );
  return [...formatFixtures];
}

export function htmlPage(title: string, question: string, answer: string): string {
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${title}</title><style>body { font: 14px sans-serif }</style></head>
<body>
<nav><a href="/">首页</a> <a href="/about">关于</a></nav>
<h1>${title}</h1>
<h2>${question}</h2>
<p>${answer}</p>
<script>window.tracker = "page chrome that must not be indexed";</script>
<footer>© 2025 示例站点</footer>
</body>
</html>
`;
}

export interface DocxParagraph {
  text: string;
  style?: 'Heading1' | 'Heading2';
}

/** A minimal valid DOCX: content types, package rels, document, styles (so mammoth maps Heading1 to <h1>). */
export async function makeDocx(paragraphs: DocxParagraph[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`,
  );
  const styles = ['Heading1', 'Heading2']
    .map((id, index) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="heading ${index + 1}"/></w:style>`)
    .join('');
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${styles}</w:styles>`,
  );
  const body = paragraphs
    .map(
      ({ text, style }) =>
        `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`,
    )
    .join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A one-page PDF 1.4 with Helvetica text, one string per line, and a byte-exact xref table. ASCII text only. */
export function makePdf(lines: string[]): Buffer {
  const text = lines.map((line, index) => `${index === 0 ? '' : 'T* '}(${line.replace(/[\\()]/g, '\\$&')}) Tj`).join('\n');
  const stream = `BT\n/F1 12 Tf\n16 TL\n72 720 Td\n${text}\nET\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Bad inputs, one per failure mode ingest must report per file; returns the file names by reason. */
export function writeBadInputs(dir: string): Record<'empty' | 'binary' | 'oversize' | 'corruptPdf' | 'corruptDocx' | 'undecodable', string> {
  mkdirSync(dir, { recursive: true });
  const files = {
    empty: 'empty.md',
    binary: 'binary.txt',
    oversize: 'oversize.md',
    corruptPdf: 'corrupt.pdf',
    corruptDocx: 'corrupt.docx',
    undecodable: 'undecodable.txt',
  };
  writeFileSync(join(dir, files.empty), '');
  writeFileSync(join(dir, files.binary), Buffer.from('1. What is a tensor?\u0000\u0000\u0001\u0002 binary payload\u0000', 'latin1'));
  writeFileSync(join(dir, files.oversize), `## What is an oversize file?\n\n${'This line only pads the file past the limit. '.repeat(46)}\n`);
  writeFileSync(join(dir, files.corruptPdf), '%PDF-1.4 garbage that is not a PDF body at all\n');
  writeFileSync(join(dir, files.corruptDocx), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('this is not a zip archive'.repeat(8))]));
  writeFileSync(join(dir, files.undecodable), undecodableBytes());
  return files;
}

/** A GBK file damaged every 8 bytes by 0xFF pairs, which start no character in GB18030, UTF-8 or the CJK encodings. */
export function undecodableBytes(): Buffer {
  const text = iconv.encode('大模型推理时显存主要被权重和键值缓存占用,长上下文时缓存会超过权重本身。'.repeat(3), 'gbk');
  const parts: Buffer[] = [];
  for (let offset = 0; offset < text.length; offset += 8) parts.push(text.subarray(offset, offset + 8), Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** A Markdown file of `count` question headings, each with a two-line answer: about 300 bytes per question. */
export function largeMarkdown(count: number, seed = 'big'): string {
  const parts: string[] = [`# 大模型面试题库 ${seed}\n`];
  for (let index = 1; index <= count; index++) {
    parts.push(
      `## 第 ${index} 题:${seed} 场景下第 ${index} 种注意力变体为什么能降低显存?\n\n` +
        `变体 ${index} 通过共享键值头减少缓存,序列长度为 ${index * 16} 时缓存约为原来的 ${(index % 8) + 1}/8。\n` +
        `代价是表达能力略有下降,需要在 ${seed}-${index} 上重新评测。\n`,
    );
  }
  return parts.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
