// Conversation turns between the server's shape (ThreadTurn, stored with the thread) and the chat's (Turn, shown by
// AnswerCard), the old localStorage history as turns to import, and where a citation opens (the Bank item for bank
// questions, the document viewer at the cited line for notes).
import type { StoredTurn } from '../ask-history';
import type { Turn } from '../components/answer-card';
import { displayPath } from '../format';
import type { AskResult, Citation, Hit, ThreadTurn } from '../types';
import { routeHash } from '../use-hash-route';

export function turnFromStored(stored: ThreadTurn, id: number): Turn {
  if (stored.status === 'error') return { id, question: stored.question, streamed: stored.answer, status: 'error', error: stored.error ?? '' };
  const nearest: Hit[] = (stored.suggestions ?? []).map((suggestion, index) => ({
    rank: index + 1,
    score: 0,
    kb: '',
    path: '',
    line: 0,
    question: suggestion.question,
    topic: [],
    text: '',
    questionId: suggestion.questionId,
    sources: [],
  }));
  const result: AskResult = {
    question: stored.question,
    mode: stored.mode,
    refused: stored.refused,
    answer: stored.answer,
    citations: stored.citations,
    evidence: stored.evidence ?? 0,
    nearest,
    ...(stored.model ? { model: stored.model } : {}),
  };
  return { id, question: stored.question, streamed: '', status: stored.status, result };
}

/** The browser's old history (ask-history.ts) as turns for POST /api/threads: answered turns only. */
export function importableTurns(turns: readonly StoredTurn[]) {
  return turns
    .filter((turn) => turn.status === 'done' && turn.result)
    .map((turn) => {
      const result = turn.result as AskResult;
      return {
        question: turn.question,
        answer: result.answer,
        mode: result.mode,
        refused: result.refused,
        citations: result.citations.map((citation) => ({
          ...citation,
          path: displayPath(citation.path, citation.kb),
          questionId: citation.questionId ?? null,
        })),
        ...(result.model ? { model: result.model } : {}),
      };
    });
}

/** Where a citation opens: the Bank item for a bank question, else the document viewer at the cited line. */
export function citationHref(citation: Citation, fallbackQuestionId?: string): string | undefined {
  const questionId = citation.questionId ?? fallbackQuestionId;
  if (citation.kb === 'builtin') return questionId ? routeHash('bank', [questionId]) : undefined;
  return routeHash('doc', [citation.kb, ...displayPath(citation.path, citation.kb).split('/')], { line: String(citation.line) });
}
