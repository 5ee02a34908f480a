// The English -> Chinese lexicons: bank/lexicon.tsv (learned from the bank by scripts/build-lexicon.ts) and
// bank/lexicon-cedict.tsv (general words derived from CC-CEDICT by scripts/build-cedict-lexicon.ts), merged with the
// bank's domain senses first. `npm run build` compiles both into dist/lexicon.json (one JSON.parse, ~10 ms, instead of
// parsing 25k TSV lines, ~150 ms); the lookup is lazy, so a query without English words never loads it.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Lexicon, type LexiconLookup, mergeLexicons, parseLexicon } from '../text/lexicon.js';
import { defaultBankDir, packageRoot } from './bank-data.js';

const compiledFile = join(packageRoot, 'dist', 'lexicon.json');
const sources = ['lexicon.tsv', 'lexicon-cedict.tsv'];

export function readLexicon(bankDir = defaultBankDir): Lexicon {
  if (bankDir === defaultBankDir && isCompiledCurrent(bankDir)) {
    return new Map(Object.entries(JSON.parse(readFileSync(compiledFile, 'utf8')) as Record<string, string[]>));
  }
  return parseSources(bankDir);
}

function parseSources(bankDir: string): Lexicon {
  const read = (name: string): Lexicon => {
    const file = join(bankDir, name);
    return existsSync(file) ? parseLexicon(readFileSync(file, 'utf8')) : new Map();
  };
  return mergeLexicons(read('lexicon.tsv'), read('lexicon-cedict.tsv'));
}

/** A lookup that reads the lexicon on its first use. */
export function lazyLexicon(bankDir = defaultBankDir): LexiconLookup {
  let lexicon: Lexicon | undefined;
  return {
    get: (english) => {
      lexicon ??= readLexicon(bankDir);
      return lexicon.get(english);
    },
  };
}

/** Writes dist/lexicon.json (run by `npm run build`). */
export function compileLexicon(bankDir = defaultBankDir): number {
  const lexicon = parseSources(bankDir);
  writeFileSync(compiledFile, JSON.stringify(Object.fromEntries(lexicon)));
  return lexicon.size;
}

function isCompiledCurrent(bankDir: string): boolean {
  if (!existsSync(compiledFile)) return false;
  const built = statSync(compiledFile).mtimeMs;
  return sources.every((name) => !existsSync(join(bankDir, name)) || statSync(join(bankDir, name)).mtimeMs <= built);
}
