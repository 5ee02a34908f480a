// Lexical cohesion of a unit's body: does it keep talking about the same things from sentence to sentence? Text
// written about one subject repeats its words (Halliday & Hasan's lexical chains; Hearst's TextTiling finds topic
// boundaries where they break); a body stitched from unrelated sentences (a scraped page's navigation, a chunk cut
// across sections) shares little from one sentence to the next. Pure; substring tests only, no segmentation.

/**
 * Score of a body of one sentence or none: neither cohesive nor not. CHOSEN as the midpoint, so a one-line answer
 * neither gains nor loses against a long one.
 */
export const UNJUDGED_COHESION = 0.5;

/**
 * Share of the body's sentences that share a content word with another of its sentences, in [0, 1]. `tokens` are the
 * unit's own index tokens (the stored token set): a content word is one of at least two characters that is not all
 * digits and not in `ignored` (generic words such as "模型" or "model" that every sentence of the domain says).
 */
export function bodyCohesion(text: string, tokens: Iterable<string>, ignored: ReadonlySet<string>): number {
  const lower = text.toLowerCase();
  const sentences = sentencesOf(lower);
  if (sentences.length < 2) return UNJUDGED_COHESION;
  // How many sentences say each content word; a sentence is linked when one of its words is said by another.
  const saidBy = new Map<string, number[]>();
  for (const token of tokens) {
    if (token.length < 2 || ignored.has(token) || /^\d+$/.test(token)) continue;
    // Most words occur once: they link nothing, and one search of the whole body tells (a large search scores 300).
    const first = lower.indexOf(token);
    if (first < 0 || lower.indexOf(token, first + token.length) < 0) continue;
    const where: number[] = [];
    for (const [index, sentence] of sentences.entries()) if (sentence.includes(token)) where.push(index);
    if (where.length >= 2) saidBy.set(token, where);
  }
  const linked = new Set<number>();
  for (const where of saidBy.values()) for (const index of where) linked.add(index);
  return linked.size / sentences.length;
}

/** Sentences of at least six characters: Chinese and English full stops, question and exclamation marks, line breaks. */
function sentencesOf(text: string): string[] {
  return text
    .split(/[。;；!！?？\n]+|\.\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 6);
}
