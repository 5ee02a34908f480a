// Multi-turn context for a model: earlier turns of a conversation as chat messages, newest kept first within a
// character budget, and a ChatModel wrapper that slips them between the system prompt and the new question. Pure
// apart from delegating to the wrapped model. The extractive mode never sees history (it answers each turn alone).
import type { ChatMessage, ChatModel } from '../models/chat-model.js';

export interface PastTurn {
  question: string;
  answer: string;
}

/**
 * 6,000 characters ≈ 2,000-4,000 tokens (Chinese ~1.5 characters per token, English ~4): with the system prompt and
 * six passages (~3,000 tokens) it stays inside an 8k context, the smallest window of the local models we target.
 */
export const historyBudgetChars = 6000;

/** Earlier turns as user/assistant pairs, oldest first, the newest that fit the budget; [n] markers removed. */
export function historyMessages(turns: readonly PastTurn[], budgetChars = historyBudgetChars): ChatMessage[] {
  const kept: ChatMessage[][] = [];
  let used = 0;
  for (const turn of [...turns].reverse()) {
    const answer = turn.answer.replace(/\[\d{1,3}\]/g, '').trim();
    if (!turn.question.trim() || !answer) continue;
    const size = turn.question.length + answer.length;
    if (used + size > budgetChars) break;
    used += size;
    kept.unshift([
      { role: 'user', content: turn.question },
      { role: 'assistant', content: answer },
    ]);
  }
  return kept.flat();
}

/** The model, with `history` inserted after the leading system message of every call. */
export function withHistory(model: ChatModel, history: readonly ChatMessage[]): ChatModel {
  if (history.length === 0) return model;
  return {
    id: model.id,
    chat(messages, options) {
      const split = messages[0]?.role === 'system' ? 1 : 0;
      return model.chat([...messages.slice(0, split), ...history, ...messages.slice(split)], options);
    },
  };
}
