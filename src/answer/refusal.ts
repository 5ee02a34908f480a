// The honest "the knowledge base doesn't cover this": wording in the language of the question, with the nearest
// questions so the user can rephrase (their paths relative to the knowledge base, never the server's folders). Pure.
import type { Hit } from '../core/types.js';
import { kbRelativePath } from './citations.js';

/** `unnamed`: what the question names that no passage found mentions (said first, so the user knows why). */
export function refusalText(language: 'zh' | 'en', nearest: Hit[], unnamed: string[] = []): string {
  const list = nearest
    .filter((hit) => hit.question)
    .slice(0, 3)
    .map((hit) => `- ${hit.question} (${kbRelativePath(hit.kb, hit.path)}:${hit.line})`)
    .join('\n');
  if (language === 'zh') {
    const why = unnamed.length > 0 ? `找到的段落都没有讲到 ${unnamed.join('、')}。` : '';
    return `知识库里没有足够的依据回答这个问题。${why}${list ? `\n最接近的问题:\n${list}` : ''}`;
  }
  const why = unnamed.length > 0 ? ` None of the passages found mentions ${unnamed.join(' or ')}.` : '';
  return `The knowledge base does not cover this question well enough to answer it.${why}${list ? `\nNearest questions:\n${list}` : ''}`;
}
