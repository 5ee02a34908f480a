// Bytes -> text for plain-text formats: BOMs (UTF-8, UTF-16 LE/BE), strict UTF-8, then GB18030/GBK and other
// legacy encodings detected by chardet. Binary content is refused rather than decoded into garbage.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { AppError } from '../core/errors.js';

export interface DecodedText {
  text: string;
  encoding: string;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new AppError('binary_file', 'looks like a binary file (NUL or control bytes), not text');
  try {
    return { text: utf8(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to detection
  }
  // Chinese notes that are not UTF-8 are almost always GBK/GB18030, and detectors misjudge short ones (as
  // ISO-8859-1 or Big5): GB18030 wins when it decodes every byte; otherwise trust the detector.
  const asGb = iconv.decode(Buffer.from(bytes), 'gb18030');
  if (!asGb.includes('\uFFFD')) return { text: asGb, encoding: 'gb18030' };
  const detected = chardet.detect(bytes);
  const encoding = detected && /^(GB|Big5|EUC|Shift_JIS|ISO-8859|windows-125)/i.test(detected) ? detected : 'GB18030';
  const normalizedEncoding = /^GB/i.test(encoding) ? 'gb18030' : encoding;
  if (!iconv.encodingExists(normalizedEncoding)) throw new AppError('decode_failed', `unsupported text encoding ${encoding}`);
  const text = iconv.decode(Buffer.from(bytes), normalizedEncoding);
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (replaced > Math.max(3, text.length * 0.01))
    throw new AppError('decode_failed', `could not decode the bytes as UTF-8 or ${normalizedEncoding} (${replaced} undecodable characters)`);
  return { text, encoding: normalizedEncoding };
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** NUL bytes, or more than 10% C0 control characters other than tab/newline/CR/form feed, in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
