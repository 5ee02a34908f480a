// The CLI bundles are made pure ASCII (scripts/ascii-bundle.ts) so Node reads them as one-byte strings: the rewritten
// program must mean exactly what it meant, and the build must refuse what it cannot rewrite safely.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asciiOnly, escapePattern } from '../scripts/ascii-bundle.js';

/** Evaluates a module body and returns its `result`. */
const run = (source: string) => new Function(`${source}; return result;`)() as unknown;

describe('ASCII-only bundles', () => {
  it('keeps regular expressions, String.raw templates and strings meaning the same', () => {
    const source = String.raw`
      const notTokens = String.raw${'`'}(?!\s*(?:个\s*)?tokens?)${'`'};
      const size = new RegExp(String.raw${'`'}(\d+)\s*亿${'`'} + notTokens);
      const heading = /^([一二三四五六七八九十]+)\s*[、.\uFF0E]\s*(.+)$/;
      const identity = /a\、b/;
      const astral = /^𠀀+$/u;
      const range = /[一-龥]/g;
      const result = [size.exec('70亿参数')?.[1], size.test('3 亿个 tokens'), heading.exec('三、注意力')?.[2], identity.test('a、b'),
        astral.test('𠀀𠀀'), '中文 ' + ${'`'}模板${'`'}, 'x漢字y'.replace(range, '_'), notTokens];`;
    const ascii = asciiOnly(source, 'probe.js');
    expect(ascii).toMatch(/^[\x00-\x7f]*$/);
    expect(run(ascii)).toEqual(run(source));
    expect(run(source)).toEqual(['70', false, '注意力', true, true, '中文 模板', 'x__y', String.raw`(?!\s*(?:个\s*)?tokens?)`]);
  });

  it('escapes an identity escape of a non-ASCII character without doubling its backslash', () => {
    expect(escapePattern('/a\\、b/')).toBe('/a\\u3001b/');
    expect(escapePattern('/a\\\\、b/')).toBe('/a\\\\\\u3001b/');
  });

  it('refuses a non-ASCII character in a template of another tag, whose strings it would change', () => {
    expect(() => asciiOnly('const tag = (s) => s.raw[0]; const result = tag`中`;', 'probe.js')).toThrow(/tagged template/);
    expect(() => asciiOnly('const result = String.raw`\\中`;', 'probe.js')).toThrow(/backslash before a non-ASCII/);
  });

  it('built the search and ask bundles pure ASCII', () => {
    for (const verb of ['search', 'ask']) {
      const bundle = readFileSync(new URL(`../dist/cli-bundle/${verb}/${verb}.cjs`, import.meta.url), 'utf8');
      expect(bundle, verb).toMatch(/^[\x00-\x7f]*$/);
    }
  });
});
