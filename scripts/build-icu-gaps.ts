// Build step (`npm run build`, after the bank is compiled): writes dist/icu-gaps.txt, the Han gaps of the bank's own
// text and the domain dictionary with ICU's words for each (src/bank/bank-icu-gaps.ts, src/text/icu-gap-table.ts).
// Built from the bank only, never from the labelled query sets or the bench queries.
import { writeFileSync } from 'node:fs';
import { readBank, readBankIndex } from '../src/bank/bank-data.js';
import { bankIcuGaps } from '../src/bank/bank-icu-gaps.js';
import { icuGapsFile } from '../src/bank/icu-gaps-file.js';
import { packGapTable } from '../src/text/icu-gap-table.js';

const index = readBankIndex();
const entries = bankIcuGaps(readBank().bank, index.glossary, index.text);
// The bank has ~26,000 gaps: a table far smaller means the recording broke, and searches would quietly pay ICU again.
if (entries.length < 10_000) throw new Error(`build-icu-gaps: only ${entries.length} gaps recorded from the bank`);
const table = packGapTable(entries);
writeFileSync(icuGapsFile, table);
process.stdout.write(`icu gaps: ${entries.length} gaps of the bank (${(table.length / 1e6).toFixed(2)} MB) -> dist/icu-gaps.txt\n`);
