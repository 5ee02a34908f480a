// One loader per format: bytes -> text lines (with source-line mapping where the text is not the source).
// PDF through unpdf (pdf.js), DOCX through mammoth (DOCX -> HTML -> lines). Failures become AppError('parse_failed').
import { AppError } from '../core/errors.js';
import type { DocumentFormat } from '../core/types.js';
import { decodeText } from './decode.js';
import { htmlToLines, type TextLines } from './html-to-lines.js';
import { maxDecompressedBytes } from './ingest-limits.js';
import { declaredUncompressedBytes } from './zip-size.js';

export async function loadLines(format: DocumentFormat, bytes: Uint8Array): Promise<TextLines> {
  switch (format) {
    case 'markdown':
    case 'text':
    case 'bank':
      return { lines: splitLines(decodeText(bytes).text) };
    case 'html':
      return htmlToLines(decodeText(bytes).text);
    case 'pdf':
      return { lines: await pdfLines(bytes) };
    case 'docx':
      return { lines: htmlToLines(await docxHtml(bytes)).lines };
  }
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46))
    throw new AppError('parse_failed', 'not a PDF file (missing %PDF header)');
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const document = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(document, { mergePages: false });
    return text.flatMap((page, index) => [...(index > 0 ? [''] : []), ...splitLines(page)]);
  } catch (error) {
    throw new AppError('parse_failed', `corrupt or unreadable PDF: ${(error as Error).message}`, { cause: error });
  }
}

async function docxHtml(bytes: Uint8Array): Promise<string> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new AppError('parse_failed', 'not a DOCX file (not a zip archive)');
  const declared = declaredUncompressedBytes(bytes);
  if (declared === undefined) throw new AppError('parse_failed', 'corrupt or unreadable DOCX: no readable zip directory');
  if (declared > maxDecompressedBytes)
    throw new AppError(
      'limit_exceeded',
      `the DOCX inflates to ${(declared / 2 ** 20).toFixed(0)} MB, over the ${maxDecompressedBytes / 2 ** 20} MB limit for decompressed content (a zip bomb?)`,
    );
  const mammoth = (await import('mammoth')).default;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('parse_failed', `corrupt or unreadable DOCX: ${(error as Error).message}`, { cause: error });
  }
}
