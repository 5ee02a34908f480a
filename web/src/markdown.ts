// Safe Markdown for answers and notes: markdown-it with html:false (raw HTML shows as text), math through KaTeX
// (trust:false, so no \href or \includegraphics), [n] citation markers as buttons, and no external images (only
// data: images render; anything else becomes its alt text). Links open in a new tab without a referrer.
// Notes are messy: math nested deeper than KaTeX's recursion can take is shown as source, any renderer error falls
// back to escaped text (a note never freezes the page), a line after a list that is not a list item starts a new
// paragraph, and `**bold**` next to Chinese punctuation (which CommonMark's flanking rules refuse) still bolds.
import katex from 'katex';
import MarkdownIt, { type StateBlock, type StateInline } from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

/**
 * KaTeX recurses once per group: 3,000 nested `\sqrt{` overflow the stack (a RangeError that throwOnError:false does
 * not catch). 40 levels is far beyond any formula in the bank (deepest: 6) and far below the ~1,000 that overflow.
 */
export const maxMathNesting = 40;
/** Longer formulas are shown as source: KaTeX's cost grows with length and no real formula comes close. */
export const maxMathLength = 4000;

function mathNesting(tex: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < tex.length; index++) {
    const char = tex[index];
    if (char === '\\') index++;
    else if (char === '{' || char === '[' || char === '(') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']' || char === ')') depth = Math.max(0, depth - 1);
  }
  const lefts = tex.match(/\\left\b/g)?.length ?? 0;
  return Math.max(deepest, lefts);
}

function mathSource(tex: string, displayMode: boolean): string {
  const escaped = md.utils.escapeHtml(displayMode ? `$$${tex}$$` : `$${tex}$`);
  return `<code class="math-source" title="formula not rendered">${escaped}</code>`;
}

function renderMath(tex: string, displayMode: boolean): string {
  if (tex.length > maxMathLength || mathNesting(tex) > maxMathNesting) return mathSource(tex, displayMode);
  try {
    return katex.renderToString(tex, { displayMode, throwOnError: false, trust: false, strict: 'ignore', output: 'html', maxExpand: 500, maxSize: 20 });
  } catch {
    return mathSource(tex, displayMode);
  }
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

// `**粗体:**后文`: CommonMark refuses this closer (punctuation before, a letter after). Same-line pairs of `**`
// around non-space text bold anyway; the content inside is parsed as inline Markdown.
md.inline.ruler.before('emphasis', 'strong_cjk', (state: StateInline, silent: boolean) => {
  if (state.src.charCodeAt(state.pos) !== 0x2a || state.src.charCodeAt(state.pos + 1) !== 0x2a) return false;
  const match = /^\*\*(?=[^\s*])([^*\n]*?[^\s*])\*\*/.exec(state.src.slice(state.pos));
  if (!match?.[1]) return false;
  if (!silent) {
    const end = state.pos + match[0].length;
    const posMax = state.posMax;
    state.push('strong_open', 'strong', 1);
    state.pos += 2;
    state.posMax = end - 2;
    state.md.inline.tokenize(state);
    state.posMax = posMax;
    state.push('strong_close', 'strong', -1);
    state.pos = end;
    return true;
  }
  state.pos += match[0].length;
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
  try {
    return md.render(separateListTails(source));
  } catch {
    return `<p>${md.utils.escapeHtml(source).replace(/\n/g, '<br>')}</p>`;
  }
}

/** One line of inline Markdown (key points, titles): math, code, bold; no paragraphs. */
export function renderInlineMarkdown(source: string): string {
  try {
    return md.renderInline(source);
  } catch {
    return md.utils.escapeHtml(source);
  }
}

/**
 * "- a\n- b\n结论" in a note means a list and then a paragraph, but CommonMark continues the last item lazily.
 * A blank line goes before any unindented line that directly follows a list item and is not one (fences kept).
 */
export function separateListTails(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let inFence = false;
  let inList = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line) || inFence) {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      out.push(line);
      inList = false;
      continue;
    }
    const isItem = /^\s*([-*+]|\d{1,9}[.)])\s/.test(line);
    const isBlank = line.trim() === '';
    if (inList && !isItem && !isBlank && /^\S/.test(line)) out.push('');
    out.push(line);
    if (isItem) inList = true;
    else if (isBlank || /^\S/.test(line)) inList = false;
  }
  return out.join('\n');
}

/**
 * Key points write formulas as plain text ("softmax(QK^T/√d_k)V", "(2N)^(1/4)"): inline Markdown first (so `$…$`
 * still goes through KaTeX), then `^x` / `^(…)` as superscripts and a one-letter base's `_k` as a subscript, outside
 * tags and only when there is no KaTeX or code in the line. `max_length` stays as written (a word, not a symbol).
 */
export function renderFormulaText(source: string): string {
  const html = renderInlineMarkdown(source);
  if (/class="katex"|<code/.test(html)) return html;
  return html
    .split(/(<[^>]+>)/)
    .map((part) =>
      part.startsWith('<')
        ? part
        : part
            .replace(
              /([\w)\]])\^(\(([^()]{1,16})\)|-?\w{1,6})/g,
              (_all, base: string, raw: string, inner: string | undefined) => `${base}<sup>${inner ?? raw}</sup>`,
            )
            .replace(
              /(?<![A-Za-z])([A-Za-z])_(\{(\w{1,8})\}|\w{1,3})(?!\w)/g,
              (_all, base: string, raw: string, braced: string | undefined) => `${base}<sub>${braced ?? raw}</sub>`,
            ),
    )
    .join('');
}
