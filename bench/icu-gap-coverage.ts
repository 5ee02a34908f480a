// How often does a query find all its Han gaps in dist/icu-gaps.txt (built from the bank's text only), so that the
// process never creates an Intl.Segmenter? Measured on text the table was NOT built from: the labelled query sets
// (test/fixtures/eval/*.jsonl) and, when present, the outline questions of an interview-notes seed
// (MIANBA_GAP_SEED=<file>: every line with Han characters ending in a question mark). Run after `npm run build`:
// npx tsx bench/icu-gap-coverage.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBankIndex } from '../src/bank/bank-data.js';
import { lazyIcuGaps } from '../src/bank/icu-gaps-file.js';
import { normalizeText } from '../src/text/normalize.js';
import { createTextTools } from '../src/text/text-tools.js';

const table = lazyIcuGaps();
const index = readBankIndex();
const { byFirstChar } = createTextTools(index.glossary, index.text).dictionary;

/** The gaps one text hands to the lookup; a fresh segment module per text, so its cache hides none of them. */
async function gapsOf(text: string, instance: number): Promise<string[]> {
  const { segmentWords } = (await import(`../src/text/segment.js?instance=${instance}`)) as typeof import('../src/text/segment.js');
  const gaps: string[] = [];
  segmentWords(normalizeText(text), {
    byFirstChar,
    // Answers every gap (no words: only the gaps are counted), so no ICU segmenter stops the table being asked.
    gapWords: (gap) => {
      gaps.push(gap);
      return [];
    },
  });
  return gaps;
}

const sets: Record<string, string[]> = {};
const evalDir = 'test/fixtures/eval';
for (const file of readdirSync(evalDir).filter((name) => name.endsWith('.jsonl'))) {
  sets[file] = readFileSync(join(evalDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => String((JSON.parse(line) as { query?: string; question?: string }).query ?? (JSON.parse(line) as { question?: string }).question ?? ''))
    .filter((query) => /\p{Script=Han}/u.test(query));
}
const seed = process.env.MIANBA_GAP_SEED;
if (seed)
  sets['seed outline questions'] = [
    ...new Set(
      readFileSync(seed, 'utf8')
        .split('\n')
        .map((line) => line.replace(/^[\s•·\-*\d.]+/, '').trim())
        .filter((line) => /\p{Script=Han}/u.test(line) && /[?？]$/.test(line)),
    ),
  ];

let instance = 0;
for (const [name, queries] of Object.entries(sets)) {
  let gapCount = 0;
  let hits = 0;
  let allHit = 0;
  let noGap = 0;
  for (const query of queries) {
    const gaps = await gapsOf(query, instance++);
    const found = gaps.filter((gap) => table(gap) !== undefined).length;
    gapCount += gaps.length;
    hits += found;
    if (gaps.length === 0) noGap++;
    else if (found === gaps.length) allHit++;
  }
  const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : '-'}%`;
  process.stdout.write(
    `${name}: ${queries.length} Han queries, gaps found ${percent(hits, gapCount)} of ${gapCount}; queries needing no ICU ${percent(allHit + noGap, queries.length)} (${noGap} with no gap)\n`,
  );
}
