// Rows of the lexical index for one unit: each distinct token with its count per field, and the unit's length (all
// fields). Pure; the PostgreSQL store inserts them with one unnest() per document.
import type { UnitTokens } from '../store.js';

export interface PostingRows {
  terms: string[];
  unitIds: number[];
  tfQuestion: number[];
  tfText: number[];
  tfTopic: number[];
  unitLengths: number[];
}

export function emptyPostingRows(): PostingRows {
  return { terms: [], unitIds: [], tfQuestion: [], tfText: [], tfTopic: [], unitLengths: [] };
}

/** Appends the unit's postings to `rows`; returns the unit's length in tokens (BM25's |D|). */
export function addPostings(rows: PostingRows, unitId: number, tokens: UnitTokens): number {
  const counts = new Map<string, [number, number, number]>();
  const count = (list: string[], field: 0 | 1 | 2) => {
    for (const token of list) {
      if (token.length === 0) continue;
      let entry = counts.get(token);
      if (!entry) {
        entry = [0, 0, 0];
        counts.set(token, entry);
      }
      // SMALLINT columns: a token repeated more than 32,767 times in one field counts as 32,767 (BM25 saturates long before).
      entry[field] = Math.min(entry[field] + 1, 32_767);
    }
  };
  count(tokens.question, 0);
  count(tokens.text, 1);
  count(tokens.topic, 2);
  const length = tokens.question.length + tokens.text.length + tokens.topic.length;
  for (const [term, [question, text, topic]] of counts) {
    rows.terms.push(term);
    rows.unitIds.push(unitId);
    rows.tfQuestion.push(question);
    rows.tfText.push(text);
    rows.tfTopic.push(topic);
    rows.unitLengths.push(length);
  }
  return length;
}

/** The distinct tokens of a unit, space-separated (what evidence features read back as `tokenSet`). */
export function tokenSetOf(tokens: UnitTokens): string {
  return [...new Set([...tokens.question, ...tokens.text, ...tokens.topic])].join(' ');
}
