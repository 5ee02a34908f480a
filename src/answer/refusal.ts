// The honest "the knowledge base doesn't cover this": wording in the language of the question, with the nearest
// questions so the user can rephrase (their paths relative to the knowledge base, never the server's folders). Pure.
import type { Hit } from '../core/types.js';
import { kbRelativePath } from './citations.js';

export function refusalText(language: 'zh' | 'en', nearest: Hit[]): string {
  const list = nearest
    .filter((hit) => hit.question)
    .slice(0, 3)
    .map((hit) => `- ${hit.question} (${kbRelativePath(hit.kb, hit.path)}:${hit.line})`)
    .join('\n');
  if (language === 'zh') return `知识库里没有足够的依据回答这个问题。${list ? `\n最接近的问题:\n${list}` : ''}`;
  return `The knowledge base does not cover this question well enough to answer it.${list ? `\nNearest questions:\n${list}` : ''}`;
}
