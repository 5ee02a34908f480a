// Decoding as the user's files need it: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK notes exported
// by Chinese tools, and a clear refusal for binary or undecodable bytes instead of stored garbage.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { undecodableBytes } from '../../test/support/make-fixtures.js';
import { isAppError } from '../core/errors.js';
import { decodeText, looksBinary } from './decode.js';

const note = '1. 什么是 KV cache?\n缓存每一层注意力的键和值,避免重复计算。\n2. 为什么大模型需要量化?\n降低显存占用和推理延迟。\n';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('Unicode files', () => {
  it('decodes UTF-8', () => {
    expect(decodeText(Buffer.from(note, 'utf8'))).toEqual({ text: note, encoding: 'utf-8' });
  });

  it('decodes UTF-8 with a BOM and drops the BOM', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(note, 'utf8')]));
    expect(decoded).toEqual({ text: note, encoding: 'utf-8' });
  });

  it('decodes UTF-16 LE with a BOM', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(note, 'utf16le')]));
    expect(decoded).toEqual({ text: note, encoding: 'utf-16le' });
  });

  it('decodes UTF-16 BE with a BOM', () => {
    const bigEndian = Buffer.from(note, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]))).toEqual({ text: note, encoding: 'utf-16be' });
  });

  it('decodes plain ASCII notes as UTF-8', () => {
    expect(decodeText(Buffer.from('What is RoPE?\r\nRotary position embedding.\r\n'))).toEqual({
      text: 'What is RoPE?\r\nRotary position embedding.\r\n',
      encoding: 'utf-8',
    });
  });
});

describe('Chinese legacy encodings', () => {
  it.each(['gb18030', 'gbk'])('decodes a %s note as GB18030', (encoding) => {
    expect(decodeText(iconv.encode(note, encoding))).toEqual({ text: note, encoding: 'gb18030' });
  });

  it('decodes GB18030 characters outside GBK (four-byte sequences)', () => {
    const text = `${note}扩展字符:𠀀𪚥。\n`;
    expect(decodeText(iconv.encode(text, 'gb18030')).text).toBe(text);
  });

  it('decodes a long GBK Markdown file with headings and code', () => {
    const markdown = `# 大模型推理\n\n## 什么是投机解码?\n\n草稿模型先猜,大模型再并行验证。\n\n\`\`\`python\nprint("加速")\n\`\`\`\n`.repeat(20);
    expect(decodeText(iconv.encode(markdown, 'gbk'))).toEqual({ text: markdown, encoding: 'gb18030' });
  });

  it('decodes a short two-line GBK note', () => {
    const short = '1. 什么是 LoRA?\n低秩适配。\n';
    expect(decodeText(iconv.encode(short, 'gbk')).text).toBe(short);
    expect(decodeText(iconv.encode('什么是旋转位置编码?', 'gbk')).text).toBe('什么是旋转位置编码?');
  });
});

describe('bytes that are not text', () => {
  it('refuses NUL bytes as a binary file', () => {
    expect(codeOf(() => decodeText(Buffer.from('What is a tensor?\u0000\u0001 payload', 'latin1')))).toBe('binary_file');
  });

  it('refuses a file that is mostly control bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 100 }, (_, index) => (index % 4 === 0 ? 0x41 : 0x07)));
    expect(looksBinary(bytes)).toBe(true);
    expect(codeOf(() => decodeText(bytes))).toBe('binary_file');
  });

  it('accepts tabs, form feeds and CRLF line ends as text', () => {
    expect(looksBinary(Buffer.from('a\tb\r\nc\fd\n'))).toBe(false);
    expect(looksBinary(new Uint8Array())).toBe(false);
  });

  it('refuses bytes no supported encoding can decode, naming the encodings it tried', () => {
    let message = '';
    try {
      decodeText(undecodableBytes());
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('decode_failed');
      message = (error as Error).message;
    }
    expect(message).toMatch(/could not decode the bytes as UTF-8 or .+ \(\d+ undecodable characters\)/);
  });
});
