// Text normalisation shared by indexing and querying: entities, look-alike radicals, NFKC, traditional -> simplified,
// Latin case folding. Pure (OpenCC and the entity decoder are loaded on first need); keeps line structure.
import { createRequire } from 'node:module';
import { radicalLookAlikes } from './radicals.js';
import { traditionalChars } from './traditional-chars.js';

const require = createRequire(import.meta.url);
/**
 * NBSP, ideographic space, zero-width characters, CJK radicals (supplement and Kangxi), compatibility ideographs,
 * and the mathematical alphanumerics scraped pages use as fancy fonts (𝖲𝗍𝖺𝗇𝖿𝗈𝗋𝖽 is "Stanford").
 */
const needsUnifying = /[\u00a0\u3000\u200b-\u200d\ufeff\u2e80-\u2fdf\uf900-\ufaff\u{1d400}-\u{1d7ff}]/u;
let toSimplified: ((text: string) => string) | undefined;
let decodeEntities: ((text: string) => string) | undefined;
let traditional: Uint8Array | undefined;

/**
 * Clean text for display and storage, once, when a document is loaded: HTML entities decoded (unless the loader
 * already did, as the HTML parser does), look-alike radicals unified, NBSP and zero-width characters fixed.
 * A decoded line break becomes a space, so the line structure of the source is kept.
 */
export function cleanText(text: string, options: { decodeEntities: boolean } = { decodeEntities: true }): string {
  const decoded =
    options.decodeEntities && /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]+);?/i.test(text)
      ? decodeHtml(text).replace(/\r\n|\r|\n/g, (match) => (text.includes(match) ? match : ' '))
      : text;
  return unifyCharacters(decoded);
}

/** Radical look-alikes, compatibility ideographs, NBSP and zero-width characters; no entity decoding. */
function unifyCharacters(text: string): string {
  if (!needsUnifying.test(text)) return text.normalize('NFC');
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xa0 || code === 0x3000) out += ' ';
    else if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff) continue;
    else if ((code >= 0x2f00 && code <= 0x2fdf) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x1d400 && code <= 0x1d7ff)) out += char.normalize('NFKC');
    else out += radicalLookAlikes.get(char) ?? char;
  }
  return out;
}

/**
 * Normalise for matching: cleanText (entities, look-alikes), then NFKC (full-width ASCII -> half-width,
 * compatibility ideographs unified), traditional -> simplified (OpenCC), lower-case. Display text is decoded once
 * at load; decoding again here only affects matching, where query and document are treated alike.
 */
export function normalizeText(text: string): string {
  const folded = cleanText(text).normalize('NFKC');
  return (hasTraditional(folded) ? simplify(folded) : folded).toLowerCase();
}

/**
 * normalizeText of each text, and normalizeText(texts.join('\n')) built from those parts when that is provably the
 * same string, so a unit's question and text are normalised once for both their tokens and their embedding text.
 * It is the same when no part holds an entity (a decoded line break becomes a space only when its text has no raw
 * one, and the join adds one) and no part has a traditional character (OpenCC's phrases could span the parts); NFC,
 * NFKC and lower-casing never act across a line break (a starter that composes with nothing; no cased context).
 * Otherwise the joined text is normalised whole, as before.
 */
export function normalizeLines(texts: readonly string[]): { each: string[]; joined: string } {
  let local = true;
  const each = texts.map((text) => {
    const folded = cleanText(text).normalize('NFKC');
    const traditional = hasTraditional(folded);
    if (traditional || text.includes('&')) local = false;
    return (traditional ? simplify(folded) : folded).toLowerCase();
  });
  return { each, joined: local ? each.join('\n') : normalizeText(texts.join('\n')) };
}

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** Whether the text holds a character OpenCC would change (a table scan: ~5x faster than a 3,681-character class). */
export function hasTraditional(text: string): boolean {
  traditional ??= traditionalTable();
  const table = traditional;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        index++;
      }
    }
    if (code < table.length && table[code] === 1) return true;
  }
  return false;
}

/** 1 at the code point of every traditional character (the largest is in plane 2: a table of ~170 KB). */
function traditionalTable(): Uint8Array {
  let largest = 0;
  for (const char of traditionalChars) largest = Math.max(largest, char.codePointAt(0) as number);
  const table = new Uint8Array(largest + 1);
  for (const char of traditionalChars) table[char.codePointAt(0) as number] = 1;
  return table;
}

function simplify(text: string): string {
  if (!toSimplified) {
    // opencc-js/t2cn loads only the traditional -> simplified tables (~30 ms), and only when such text shows up.
    const opencc = require('opencc-js/t2cn') as { Converter: (options: { from: string; to: string }) => (text: string) => string };
    toSimplified = opencc.Converter({ from: 't', to: 'cn' });
  }
  return toSimplified(text);
}

function decodeHtml(text: string): string {
  decodeEntities ??= (require('entities') as { decodeHTML: (text: string) => string }).decodeHTML;
  return decodeEntities(text);
}
