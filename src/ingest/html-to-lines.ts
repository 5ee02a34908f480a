// HTML -> text lines in Markdown shape (headings as #, list items as -, tables as | rows |, <pre> fenced), each
// line remembering the source line it came from so citations point into the original file. Page chrome
// (script, style, nav, header, footer, aside, form) is dropped.
import { Parser } from 'htmlparser2';

export interface TextLines {
  lines: string[];
  /** Source line (1-based) of each output line; absent when the output lines are the source lines. */
  sourceLines?: number[];
}

const skipped = new Set(['script', 'style', 'nav', 'header', 'footer', 'aside', 'form', 'noscript', 'svg', 'button', 'iframe', 'template', 'head']);
const blockTags = new Set(['p', 'div', 'section', 'article', 'main', 'blockquote', 'dd', 'dt', 'figure', 'figcaption', 'table', 'ul', 'ol', 'body', 'html']);

export function htmlToLines(html: string): TextLines {
  const lineStarts = [0];
  for (let index = html.indexOf('\n'); index !== -1; index = html.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const sourceLineAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };

  const lines: string[] = [];
  const sourceLines: number[] = [];
  let buffer = '';
  let bufferLine = 1;
  let skipDepth = 0;
  let preDepth = 0;
  let listDepth = 0;
  let cells: string[] | undefined;
  const flush = () => {
    // Nested list items keep their indent (two spaces per level) so outlines keep their structure.
    const listIndent = /^( +)- /.exec(buffer)?.[1] ?? '';
    const text = preDepth > 0 ? buffer.replace(/\n$/, '') : `${listIndent}${buffer.replace(/\s+/g, ' ').trim()}`.trimEnd();
    if (text) {
      const split = text.split('\n');
      split.forEach((line, offset) => {
        lines.push(line);
        sourceLines.push(bufferLine + (preDepth > 0 ? offset : 0));
      });
    }
    buffer = '';
  };
  const blank = () => {
    flush();
    if (lines.length > 0 && lines.at(-1) !== '') {
      lines.push('');
      sourceLines.push(sourceLines.at(-1) ?? 1);
    }
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (skipped.has(name) || skipDepth > 0) {
          if (skipped.has(name)) skipDepth++;
          return;
        }
        const line = sourceLineAt(parser.startIndex);
        if (/^h[1-6]$/.test(name)) {
          blank();
          buffer = `${'#'.repeat(Number(name[1]))} `;
          bufferLine = line;
        } else if (name === 'li') {
          flush();
          buffer = `${'  '.repeat(Math.max(0, listDepth - 1))}- `;
          bufferLine = line;
        } else if (name === 'ul' || name === 'ol') {
          flush();
          listDepth++;
        } else if (name === 'pre') {
          blank();
          lines.push('```');
          sourceLines.push(line);
          preDepth++;
          bufferLine = line;
        } else if (name === 'tr') {
          flush();
          cells = [];
          bufferLine = line;
        } else if ((name === 'td' || name === 'th') && cells) {
          buffer = '';
        } else if (name === 'br') {
          flush();
          bufferLine = line;
        } else if (blockTags.has(name)) {
          blank();
          bufferLine = line;
        }
        if (!buffer.trim()) bufferLine = line;
      },
      ontext(text) {
        if (skipDepth > 0) return;
        if (!buffer.trim() && text.trim() && preDepth === 0) bufferLine = sourceLineAt(parser.startIndex);
        buffer += text;
      },
      onclosetag(name) {
        if (skipped.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if ((name === 'td' || name === 'th') && cells) {
          cells.push(buffer.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|'));
          buffer = '';
        } else if (name === 'tr' && cells) {
          lines.push(`| ${cells.join(' | ')} |`);
          sourceLines.push(bufferLine);
          cells = undefined;
        } else if (name === 'pre') {
          flush();
          preDepth = Math.max(0, preDepth - 1);
          lines.push('```');
          sourceLines.push(sourceLineAt(parser.endIndex));
          blank();
        } else if (name === 'ul' || name === 'ol') {
          flush();
          listDepth = Math.max(0, listDepth - 1);
          if (listDepth === 0) blank();
        } else if (/^h[1-6]$/.test(name) || blockTags.has(name)) blank();
        else if (name === 'li') flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { lines, sourceLines };
}
