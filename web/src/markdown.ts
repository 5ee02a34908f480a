// Safe Markdown for answers and notes: markdown-it with html:false (raw HTML shows as text), math through KaTeX
// (trust:false, so no \href or \includegraphics), [n] citation markers as buttons, and no external images (only
// data: images render; anything else becomes its alt text). Links open in a new tab without a referrer.
import katex from 'katex';
import MarkdownIt, { type StateBlock, type StateInline } from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, trust: false, strict: 'ignore', output: 'html', maxExpand: 500, maxSize: 20 });
}

md.inline.ruler.before('escape', 'math_inline', (state: StateInline, silent: boolean) => {
  const source = state.src.slice(state.pos);
  const match = /^\$(?!\s)((?:\\.|[^$\\\n])+?)(?<!\s)\$(?!\d)/.exec(source) ?? /^\\\((.+?)\\\)/.exec(source);
  if (!match?.[1]) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = match[1];
  }
  state.pos += match[0].length;
  return true;
});

md.block.ruler.before('fence', 'math_block', (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
  const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const first = state.src.slice(start, state.eMarks[startLine]);
  if (!first.startsWith('$$')) return false;
  if (silent) return true;
  const lines = [first.slice(2)];
  let line = startLine;
  let closed = lines[0]?.trimEnd().endsWith('$$') && lines[0].trim().length > 2;
  while (!closed && ++line < endLine) {
    const text = state.src.slice((state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0), state.eMarks[line]);
    lines.push(text);
    closed = text.trimEnd().endsWith('$$');
  }
  const content = lines.join('\n').replace(/\$\$\s*$/, '');
  const token = state.push('math_block', 'math', 0);
  token.content = content;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
});

md.inline.ruler.before('link', 'citation', (state: StateInline, silent: boolean) => {
  const match = /^\[(\d{1,2})\](?![(:])/.exec(state.src.slice(state.pos));
  if (!match?.[1]) return false;
  if (!silent) {
    const token = state.push('citation', 'button', 0);
    token.meta = { n: Number(match[1]) };
  }
  state.pos += match[0].length;
  return true;
});

md.renderer.rules.math_inline = (tokens, index) => renderMath(tokens[index]?.content ?? '', false);
md.renderer.rules.math_block = (tokens, index) => `<div class="math-block">${renderMath(tokens[index]?.content ?? '', true)}</div>\n`;
md.renderer.rules.citation = (tokens, index) => {
  const n = Number((tokens[index]?.meta as { n: number } | undefined)?.n ?? 0);
  return `<button type="button" class="cite" data-cite="${n}" aria-label="citation ${n}">${n}</button>`;
};
md.renderer.rules.image = (tokens, index) => {
  const token = tokens[index];
  const src = String(token?.attrGet('src') ?? '');
  const alt = md.utils.escapeHtml(String(token?.content ?? ''));
  if (/^data:image\/(png|gif|jpeg|webp);/i.test(src)) return `<img src="${md.utils.escapeHtml(src)}" alt="${alt}">`;
  return `<span class="blocked-image" title="external image blocked">[${alt || 'image'}]</span>`;
};
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
md.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet('target', '_blank');
  tokens[index]?.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** Markdown -> HTML that is safe to put in the page: every tag in it comes from our renderers. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
