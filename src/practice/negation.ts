// Is a mention denied by its own clause? "不是近似", "并不关梯度", "does not", "isn't", "rather than X", "而不是 X",
// "不是 X 而是 Y" (X denied, Y not). Works on normalizeText output (NFKC, lower case, simplified). Pure.

/** Negation cues. A single 不/没/无/未 counts, except in the compounds below that do not negate. */
const chineseCue = /不|没|无|未|非|别|勿/;
const chineseNotNegating = /不同|不断|不仅|不少|不久|不止|不过|无论|非常|非线性|无损|未来|差不多|不可导|不可微|无偏/g;
const latinCue =
  /(?:^|[^a-z'])(?:not|no|non|nothing|none|never|neither|nor|without|cannot|rather than|instead of|isn't|aren't|doesn't|don't|didn't|won't|wasn't|can't|shouldn't|never)(?![a-z])|n't(?![a-z])/;
/** Where a clause starts: punctuation, or a contrast word after which the statement is affirmative again. */
const clauseBreak = /[,，;；:：、()（）\n]|而是|但是|但|却|instead,?|\bbut\b|\bwhereas\b|\bwhile\b/g;
/** How far back (characters) a cue may sit before the mention, within its clause. */
const windowChars = 24;

/** The part of `text` before `index` that belongs to the same clause (at most windowChars long). */
export function clausePrefix(text: string, index: number): string {
  const before = text.slice(0, index);
  let start = 0;
  for (const match of before.matchAll(clauseBreak)) start = match.index + match[0].length;
  return before.slice(Math.max(start, index - windowChars));
}

/** A clause that only supposes ("如果 A、B 都为 0,…", "if both were zero") asserts nothing. */
const hypothetical = /如果|假如|假设|倘若|要是|若是|一旦|(?:^|[^a-z])(?:if|suppose|assuming|were)(?![a-z])/;

export function isHypotheticalAt(text: string, index: number): boolean {
  const before = text.slice(0, index);
  let start = 0;
  for (const match of before.matchAll(/[;；。\n]|而是|但是|但|却/g)) start = match.index + match[0].length;
  return hypothetical.test(before.slice(Math.max(start, index - windowChars)));
}

/** True when the clause before `index` holds a negation cue. */
export function isNegatedAt(text: string, index: number): boolean {
  return hasNegationCue(clausePrefix(text, index));
}

export function hasNegationCue(text: string): boolean {
  return chineseCue.test(text.replace(chineseNotNegating, '')) || latinCue.test(text);
}
