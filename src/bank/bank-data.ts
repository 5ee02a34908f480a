// The bank as the running program sees it: dist/bank.json compiled from bank/*.yaml at build time (fast to read
// at every start), or the YAML itself when running from source. The hash changes whenever a bank file changes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bank, loadBank } from './load-bank.js';

export interface BankData {
  hash: string;
  bank: Bank;
}

/** The package root: two levels above this file, both in src/bank and dist/bank. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiledFile = join(packageRoot, 'dist', 'bank.json');

export function readBankData(bankDir = join(packageRoot, 'bank')): BankData {
  const hash = hashBankFiles(bankDir);
  if (existsSync(compiledFile)) {
    const compiled = JSON.parse(readFileSync(compiledFile, 'utf8')) as BankData;
    if (compiled.hash === hash) return compiled;
  }
  return { hash, bank: loadBank(bankDir) };
}

/** Compiles bank/*.yaml into dist/bank.json (run by `npm run build`). */
export function compileBank(bankDir = join(packageRoot, 'bank'), outFile = compiledFile): BankData {
  const data = { hash: hashBankFiles(bankDir), bank: loadBank(bankDir) };
  writeFileSync(outFile, JSON.stringify(data));
  return data;
}

function hashBankFiles(bankDir: string): string {
  const hash = createHash('sha256');
  const chapterDir = join(bankDir, 'chapters');
  const files = existsSync(chapterDir)
    ? readdirSync(chapterDir)
        .filter((name) => name.endsWith('.yaml'))
        .sort()
    : [];
  for (const name of files) hash.update(name).update(readFileSync(join(chapterDir, name)));
  const glossary = join(bankDir, 'glossary.yaml');
  if (existsSync(glossary)) hash.update(readFileSync(glossary));
  return hash.digest('hex').slice(0, 16);
}
