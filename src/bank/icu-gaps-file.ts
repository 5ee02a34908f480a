// Reads dist/icu-gaps.txt (the prepared ICU words of the bank's Han gaps, written by scripts/build-icu-gaps.ts) on the
// first gap a process segments, not at start: commands that never meet a Han gap never read it. A missing or
// unreadable file, or one made by another ICU, means every gap goes to ICU, as before the table existed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGapLookup, type GapWords } from '../text/icu-gap-table.js';
import { packageRoot } from './bank-data.js';

export const icuGapsFile = join(packageRoot, 'dist', 'icu-gaps.txt');

export function lazyIcuGaps(file = icuGapsFile): GapWords {
  let lookup: GapWords | undefined | null = null;
  return (gap) => {
    if (lookup === null) lookup = readLookup(file);
    return lookup?.(gap);
  };
}

function readLookup(file: string): GapWords | undefined {
  try {
    return createGapLookup(readFileSync(file));
  } catch {
    // The table only saves time (ICU gives the same words): a missing file (a tsc-only build) or an unreadable one
    // must not fail a search, so every gap then goes to ICU.
    return undefined;
  }
}
