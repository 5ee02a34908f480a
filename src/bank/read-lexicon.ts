// The English -> Chinese lexicons: bank/lexicon.tsv (learned from the bank by scripts/build-lexicon.ts) and
// bank/lexicon-cedict.tsv (general words derived from CC-CEDICT by scripts/build-cedict-lexicon.ts), merged with the
// bank's domain senses first. `npm run build` packs both into dist/lexicon.txt (one sorted string searched by
// bisection: a ~1 ms read instead of parsing 25k TSV lines, ~150 ms, or a JSON Map, ~40 ms plus GC); the lookup is
// lazy, so a query without English words never reads it.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packedLexiconLookup, packLexicon } from '../text/compact-lexicon.js';
import { type Lexicon, type LexiconLookup, mergeLexicons, parseLexicon } from '../text/lexicon.js';
import { defaultBankDir, packageRoot } from './bank-data.js';

const compiledFile = join(packageRoot, 'dist', 'lexicon.txt');
const sources = ['lexicon.tsv', 'lexicon-cedict.tsv'];

export function readLexicon(bankDir = defaultBankDir): Lexicon {
  if (bankDir === defaultBankDir && isCompiledCurrent(bankDir)) {
    const lines = readFileSync(compiledFile, 'utf8').split('\n').filter(Boolean);
    return new Map(lines.map((line) => [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1).split(' ')]));
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
  let lexicon: LexiconLookup | undefined;
  return {
    get: (english) => {
      lexicon ??= bankDir === defaultBankDir && isCompiledCurrent(bankDir) ? packedLexiconLookup(readFileSync(compiledFile)) : parseSources(bankDir);
      return lexicon.get(english);
    },
  };
}

/** Writes dist/lexicon.txt (run by `npm run build`). */
export function compileLexicon(bankDir = defaultBankDir): number {
  const lexicon = parseSources(bankDir);
  writeFileSync(compiledFile, packLexicon(lexicon));
  return lexicon.size;
}

function isCompiledCurrent(bankDir: string): boolean {
  if (!existsSync(compiledFile)) return false;
  const built = statSync(compiledFile).mtimeMs;
  return sources.every((name) => !existsSync(join(bankDir, name)) || statSync(join(bankDir, name)).mtimeMs <= built);
}
