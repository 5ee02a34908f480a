// Reads bank/lexicon.tsv (the English -> Chinese lexicon learned from the bank) once; absent file = empty lexicon.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Lexicon, parseLexicon } from '../text/lexicon.js';
import { defaultBankDir } from './bank-data.js';

export function readLexicon(bankDir = defaultBankDir): Lexicon {
  const file = join(bankDir, 'lexicon.tsv');
  return existsSync(file) ? parseLexicon(readFileSync(file, 'utf8')) : new Map();
}
