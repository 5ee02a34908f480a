// The bank as the running program sees it. `npm run build` compiles bank/*.yaml into dist/bank-index.json (glossary
// and content hash: all a search needs) and dist/bank.json (every question). At start only file sizes and mtimes
// are compared; when a bank file changed since the build, the YAML itself is read, so edits are never ignored.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PreparedTextData, prepareTextData } from '../text/text-tools.js';
import { tokenizerFingerprint } from '../text/tokenizer-fingerprint.js';
import type { GlossaryTerm } from './bank-schema.js';
import { type Bank, loadBank } from './load-bank.js';

export interface BankIndex {
  hash: string;
  fingerprint: string;
  glossary: GlossaryTerm[];
  /** Segmentation dictionary and glossary index derived at build time. */
  text?: PreparedTextData;
  /** tokenizerFingerprint(glossary), computed at build time (absent when the bank changed since). */
  tokenizerFingerprint?: string;
}

export interface BankData {
  hash: string;
  bank: Bank;
}

/** The package root: two levels above this file, both in src/bank and dist/bank. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultBankDir = join(packageRoot, 'bank');
const indexFile = join(packageRoot, 'dist', 'bank-index.json');
const bankFile = join(packageRoot, 'dist', 'bank.json');

export function readBankIndex(bankDir = defaultBankDir): BankIndex {
  const compiled = readJson<BankIndex>(indexFile);
  if (compiled && bankDir === defaultBankDir && isCurrent(compiled, bankDir)) return compiled;
  const data = readBank(bankDir);
  return { hash: data.hash, fingerprint: fingerprintOf(bankDir), glossary: data.bank.glossary };
}

export function readBank(bankDir = defaultBankDir): BankData {
  if (bankDir === defaultBankDir) {
    const compiled = readJson<BankData & { fingerprint: string }>(bankFile);
    if (compiled && isCurrent(compiled, bankDir)) return { hash: compiled.hash, bank: compiled.bank };
  }
  return { hash: hashBankFiles(bankDir), bank: loadBank(bankDir) };
}

/** Validates bank/*.yaml and writes the compiled files (run by `npm run build`). */
export function compileBank(bankDir = defaultBankDir): BankData {
  const hash = hashBankFiles(bankDir);
  const fingerprint = fingerprintOf(bankDir);
  const bank = loadBank(bankDir);
  writeFileSync(bankFile, JSON.stringify({ hash, fingerprint, bank }));
  const text = prepareTextData(bank.glossary);
  writeFileSync(
    indexFile,
    JSON.stringify({ hash, fingerprint, glossary: bank.glossary, text, tokenizerFingerprint: tokenizerFingerprint(bank.glossary) } satisfies BankIndex),
  );
  return { hash, bank };
}

function isCurrent(compiled: { hash: string; fingerprint: string }, bankDir: string): boolean {
  return compiled.fingerprint === fingerprintOf(bankDir) || compiled.hash === hashBankFiles(bankDir);
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function bankFiles(bankDir: string): string[] {
  const chapterDir = join(bankDir, 'chapters');
  const chapters = existsSync(chapterDir)
    ? readdirSync(chapterDir)
        .filter((name) => name.endsWith('.yaml'))
        .sort()
        // A plain file name under a joined folder: concatenated, as join would give (join normalises every path,
        // ~2-4 ms for the ~60 files on each CLI start on the bench VM).
        .map((name) => `${chapterDir}${sep}${name}`)
    : [];
  const glossary = join(bankDir, 'glossary.yaml');
  return existsSync(glossary) ? [...chapters, glossary] : chapters;
}

/** Cheap identity of the bank files: names, sizes and modification times. */
function fingerprintOf(bankDir: string): string {
  return bankFiles(bankDir)
    .map((file) => {
      const stats = statSync(file);
      return `${file.slice(bankDir.length)}:${stats.size}:${Math.floor(stats.mtimeMs)}`;
    })
    .join('|');
}

function hashBankFiles(bankDir: string): string {
  const hash = createHash('sha256');
  for (const file of bankFiles(bankDir)) hash.update(file.slice(bankDir.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}
