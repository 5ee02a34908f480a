// The "Sources" list appended to answers for chat clients and agents (which show plain Markdown, not our citation
// popovers): one line per citation, `- [n] path:line — question`. Pure.

import { displayName } from '../core/display-path.js';
import type { Citation } from '../core/types.js';

/** "Sources" list appended to the answer: `[n] path:line — question`. */
export function sourcesText(citations: readonly Citation[], home: string): string {
  if (citations.length === 0) return '';
  const lines = citations.map(
    (citation) => `- [${citation.n}] ${displayName(home, citation.path)}:${citation.line}${citation.question ? ` — ${citation.question}` : ''}`,
  );
  return `\n\nSources:\n${lines.join('\n')}`;
}
