// The three ways an answer fails before its content is weighed: empty ("不知道" counts), a copy of the question
// (nearly every word from the question and little new), or off-topic (almost nothing from the reference vocabulary).
// Pure.

export type AnswerFlag = 'empty' | 'copied' | 'off_topic';

const noAnswer =
  /^(?:我?(?:也|真的|确实)?(?:不知道|不清楚|不太清楚|不会|不了解|不太了解|不记得了?|忘了|忘记了|没学过|没听过|没有思路|答不上来?)|略|无|pass|skip|idk|no idea|none|n\/a|dunno|not sure|i (?:do not|don't|dont) know|i have no idea|no clue|(?:sorry,? )?i (?:do not|don't) remember)[\s.。!！?？,，~]*$/;

/** Answers with no content words, or that only say they don't know. */
export function isEmptyAnswer(normalized: string, tokens: ReadonlySet<string>): boolean {
  const text = normalized.trim();
  return tokens.size === 0 || text.replace(/[\s\p{P}\p{S}]/gu, '').length < 2 || noAnswer.test(text);
}

/** Share of the answer's distinct tokens found in `vocabulary` (0 for an answer without tokens). */
export function shareIn(tokens: ReadonlySet<string>, vocabulary: ReadonlySet<string>): number {
  if (tokens.size === 0) return 0;
  let inside = 0;
  for (const token of tokens) if (vocabulary.has(token)) inside++;
  return inside / tokens.size;
}

/** At least 75% of the answer's words come from the question and at most 3 (or 20%) are new. */
export function isQuestionCopy(tokens: ReadonlySet<string>, questionTokens: ReadonlySet<string>): boolean {
  const share = shareIn(tokens, questionTokens);
  const fresh = Math.round(tokens.size * (1 - share));
  return share >= 0.75 && fresh <= Math.max(3, tokens.size * 0.2);
}

/** Less than 20% of the answer's words appear anywhere in the question, reference answers or key points. */
export function isOffTopic(tokens: ReadonlySet<string>, referenceVocabulary: ReadonlySet<string>): boolean {
  return shareIn(tokens, referenceVocabulary) < 0.2;
}
