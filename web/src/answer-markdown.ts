// An answer as portable Markdown (for copy and share): the question, the answer with its [n] markers, the Sources.
import type { AskResult } from './types';

export function answerAsMarkdown(result: AskResult, sourcesLabel: string): string {
  const sources = result.citations.map(
    (citation) => `- [${citation.n}] ${citation.path}:${citation.line}${citation.question ? ` — ${citation.question}` : ''}`,
  );
  return [
    `## ${result.question}`,
    '',
    result.answer,
    ...(result.calculation ? ['', result.calculation.text.trim()] : []),
    ...(sources.length > 0 ? ['', `**${sourcesLabel}**`, '', ...sources] : []),
    '',
  ].join('\n');
}

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
