// Runs of Han characters and of other letters/digits in a text, found with a per-code-unit class table instead of
// the regex /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu: the same runs (the table is built from
// those very character classes), without a match object per run. For long texts only (see minTableLength). Pure.

/** Classes of a code point: 0 neither, 1 Han, 2 a letter or digit that is not Han. */
type RunClass = 0 | 1 | 2;

const hanClass = /\p{Script=Han}/u;
const wordClass = /[\p{L}\p{N}]/u;

let bmpClasses: Uint8Array | undefined;
const astralClasses = new Map<number, RunClass>();

/**
 * Texts shorter than this keep the regex until the table exists: building it costs ~2-4 ms once per process, which a
 * CLI query (a few dozen characters) must not pay; ingest meets a long text early, pays it once, and then scans every
 * text with it. CHOSEN: a unit is ~1,000 characters, a query under 100.
 */
const minTableLength = 512;

/** Whether forEachScriptRun is the cheaper scan for this text (its table is built, or the text is long). */
export function prefersScriptRuns(text: string): boolean {
  return bmpClasses !== undefined || text.length >= minTableLength;
}

/**
 * Calls `onRun(start, end, isHan)` for each maximal run, in order: exactly the matches of the regex above (group 1
 * when isHan, group 2 otherwise). Characters outside the BMP are classified by the regexes themselves (cached).
 */
export function forEachScriptRun(text: string, onRun: (start: number, end: number, isHan: boolean) => void): void {
  bmpClasses ??= buildBmpClasses();
  const classes = bmpClasses;
  const length = text.length;
  let runClass: RunClass = 0;
  let runStart = 0;
  for (let index = 0; index < length; ) {
    const unit = text.charCodeAt(index);
    let width = 1;
    let current: RunClass;
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        width = 2;
        current = astralClass(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
      } else current = 0;
    } else current = classes[unit] as RunClass;
    if (current !== runClass) {
      if (runClass !== 0) onRun(runStart, index, runClass === 1);
      runClass = current;
      runStart = index;
    }
    index += width;
  }
  if (runClass !== 0) onRun(runStart, length, runClass === 1);
}

function astralClass(code: number): RunClass {
  let found = astralClasses.get(code);
  if (found === undefined) {
    found = classOf(String.fromCodePoint(code));
    astralClasses.set(code, found);
  }
  return found;
}

function classOf(char: string): RunClass {
  if (hanClass.test(char)) return 1;
  return wordClass.test(char) ? 2 : 0;
}

/** Class of every BMP code unit; surrogates are 0 (a lone one matches neither class, a pair is read as one). */
function buildBmpClasses(): Uint8Array {
  const classes = new Uint8Array(0x10000);
  // One regex pass per class over a string of every non-surrogate BMP character, not 63k separate tests.
  let all = '';
  for (let code = 0; code < 0xd800; code++) all += String.fromCharCode(code);
  for (let code = 0xe000; code <= 0xffff; code++) all += String.fromCharCode(code);
  for (const match of all.matchAll(/[\p{L}\p{N}]+/gu)) for (let index = 0; index < match[0].length; index++) classes[match[0].charCodeAt(index)] = 2;
  for (const match of all.matchAll(/\p{Script=Han}+/gu)) for (let index = 0; index < match[0].length; index++) classes[match[0].charCodeAt(index)] = 1;
  return classes;
}
