// A conversation as Markdown (the "Export" button): title, then each question as a heading, its answer, and its
// sources as `[n] kb · path:line — question`. Paths are the KB-relative ones stored with the turn. Pure.
import type { Thread } from '../core/thread.js';

export function threadMarkdown(thread: Thread, labels: { sources: string; stopped: string } = { sources: 'Sources', stopped: '(stopped)' }): string {
  const parts = [`# ${thread.title}`, '', `_${thread.createdAt.slice(0, 10)}_`, ''];
  for (const turn of thread.items) {
    parts.push(`## ${turn.question.replace(/\n+/g, ' ')}`, '', turn.answer.trim() || '—');
    if (turn.status === 'stopped') parts.push('', labels.stopped);
    if (turn.citations.length > 0) {
      parts.push('', `${labels.sources}:`);
      for (const citation of turn.citations)
        parts.push(
          `- [${citation.n}] ${citation.kb === 'builtin' ? '' : `${citation.kb} · `}${citation.path}:${citation.line}${citation.question ? ` — ${citation.question}` : ''}`,
        );
    }
    parts.push('');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
