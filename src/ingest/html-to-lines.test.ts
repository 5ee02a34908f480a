// HTML pages as the reader sees them: headings, lists, tables and code as Markdown-shaped lines, page chrome
// gone, entities decoded, and each line pointing back at the line of the page it came from.
import { describe, expect, it } from 'vitest';
import { htmlToLines } from './html-to-lines.js';

const page = `<!DOCTYPE html>
<html>
<head><title>页面标题不是正文</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">首页</a> | <a href="/docs">文档</a></nav>
<header>站点页眉</header>
<h1>LLM 面试笔记</h1>
<script>var leaked = "script text";</script>
<h2>什么是 KV cache?</h2>
<p>缓存每层的 K 和 V,&nbsp;避免重复计算 &amp; 节省时间 &lt;关键&gt;。</p>
<ul>
  <li>优点:解码快</li>
  <li>缺点:占显存</li>
</ul>
<table>
<tr><th>方法</th><th>KV 显存</th></tr>
<tr><td>MHA</td><td>高</td></tr>
<tr><td>GQA</td><td>中 | 低</td></tr>
</table>
<pre>def attend(q, k, v):
    return softmax(q @ k.T) @ v  # &lt;keep&gt;
</pre>
<aside>相关推荐</aside>
<form><button>订阅</button></form>
<footer>© 2025 页脚</footer>
</body>
</html>`;

const { lines, sourceLines } = htmlToLines(page);
const sourceOf = (line: string) => sourceLines?.[lines.indexOf(line)];
const pageLineOf = (needle: string) => page.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('structure as Markdown', () => {
  it('writes headings with # marks by level', () => {
    expect(lines).toContain('# LLM 面试笔记');
    expect(lines).toContain('## 什么是 KV cache?');
  });

  it('writes list items as "- " lines', () => {
    expect(lines).toContain('- 优点:解码快');
    expect(lines).toContain('- 缺点:占显存');
  });

  it('writes table rows as | cells |, escaping pipes inside cells', () => {
    const table = lines.filter((line) => line.startsWith('|'));
    expect(table).toEqual(['| 方法 | KV 显存 |', '| MHA | 高 |', '| GQA | 中 \\| 低 |']);
  });

  it('fences <pre> blocks and keeps their indentation and line breaks', () => {
    const start = lines.indexOf('```');
    expect(lines.slice(start, start + 4)).toEqual(['```', 'def attend(q, k, v):', '    return softmax(q @ k.T) @ v  # <keep>', '```']);
  });

  it('separates blocks with one blank line, never two', () => {
    expect(lines.join('\n')).not.toMatch(/\n\n\n/);
    expect(lines[0]).toBe('# LLM 面试笔记');
  });
});

describe('page chrome', () => {
  it('drops head, script, style, nav, header, aside, form and footer content', () => {
    const text = lines.join('\n');
    for (const chrome of ['页面标题不是正文', 'color: red', 'leaked', '首页', '站点页眉', '相关推荐', '订阅', '页脚']) expect(text).not.toContain(chrome);
  });
});

describe('entities', () => {
  it('decodes named and numeric entities and folds &nbsp; into a space', () => {
    expect(lines).toContain('缓存每层的 K 和 V, 避免重复计算 & 节省时间 <关键>。');
    expect(htmlToLines('<p>kv&#x20;cache&#8203;&#39;s &quot;size&quot;</p>').lines).toEqual(['kv cache\u200B\'s "size"', '']);
  });
});

describe('source line mapping', () => {
  it('maps every output line to a line of the page', () => {
    expect(sourceLines).toHaveLength(lines.length);
    for (const line of sourceLines ?? []) expect(line).toBeGreaterThanOrEqual(1);
  });

  it('points headings, paragraphs, list items and table rows at the line they start on', () => {
    expect(sourceOf('## 什么是 KV cache?')).toBe(pageLineOf('<h2>'));
    expect(sourceOf('缓存每层的 K 和 V, 避免重复计算 & 节省时间 <关键>。')).toBe(pageLineOf('<p>缓存'));
    expect(sourceOf('- 缺点:占显存')).toBe(pageLineOf('缺点'));
    expect(sourceOf('| GQA | 中 \\| 低 |')).toBe(pageLineOf('<td>GQA'));
  });

  it('maps each line of a <pre> block to its own page line', () => {
    expect(sourceOf('def attend(q, k, v):')).toBe(pageLineOf('def attend'));
    expect(sourceOf('    return softmax(q @ k.T) @ v  # <keep>')).toBe(pageLineOf('return softmax'));
  });

  it('maps a paragraph that wraps over several page lines to where it begins, not where it ends', () => {
    const wrapped = htmlToLines('<h2>为什么要缩放?</h2>\n<p>\n  点积的方差\n  随维度增长。\n</p>');
    expect(wrapped.lines).toContain('点积的方差 随维度增长。');
    expect([2, 3]).toContain(wrapped.sourceLines?.[wrapped.lines.indexOf('点积的方差 随维度增长。')]);
  });
});

describe('nested lists', () => {
  it('keeps every item of a nested list', () => {
    const nested = htmlToLines('<ul><li>位置编码篇<ul><li>RoPE 为什么能外推?</li></ul></li></ul>').lines;
    expect(nested.filter((line) => line.includes('- '))).toHaveLength(2);
  });

  it('indents nested list items under their parent', () => {
    const nested = htmlToLines('<ul><li>位置编码篇<ul><li>RoPE 为什么能外推?</li></ul></li></ul>').lines;
    expect(nested).toContain('- 位置编码篇');
    expect(nested).toContain('  - RoPE 为什么能外推?');
  });
});
