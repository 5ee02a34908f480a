// The web app's Markdown renderer (web/src/markdown.ts) is the one place where note and answer text becomes HTML:
// raw HTML, script URLs, external images and KaTeX's risky commands must all come out inert.
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../web/src/markdown.js';

describe('renderMarkdown', () => {
  test('raw HTML is escaped, never parsed', () => {
    const html = renderMarkdown('a <img src=x onerror=alert(1)> b <script>alert(2)</script> <iframe src="//evil"></iframe>');
    expect(html).not.toMatch(/<img|<script|<iframe/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  test('script URLs are not linked; links open without a referrer', () => {
    expect(renderMarkdown('[x](javascript:alert(1)) [y](vbscript:msgbox) [z](data:text/html,<b>)')).not.toMatch(/href="(javascript|vbscript|data):/);
    expect(renderMarkdown('[docs](https://example.com)')).toContain('rel="noopener noreferrer nofollow"');
  });

  test('external images are blocked; data images stay', () => {
    const blocked = renderMarkdown('![pixel](https://tracker.example/p.png) ![svg](data:image/svg+xml;base64,PHN2Zz4=)');
    expect(blocked).not.toContain('<img');
    expect(blocked).toContain('[pixel]');
    expect(renderMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)')).toContain('<img src="data:image/png;base64,iVBORw0KGgo="');
  });

  test('math renders through KaTeX without trusting commands', () => {
    expect(renderMarkdown('注意力 $\\mathrm{softmax}(QK^T/\\sqrt{d_k})V$')).toContain('class="katex"');
    expect(renderMarkdown('$$\nE = mc^2\n$$')).toContain('katex-display');
    const href = renderMarkdown('$\\href{javascript:alert(1)}{x}$');
    expect(href).not.toContain('javascript:');
    expect(renderMarkdown('costs $5 and $10')).not.toContain('katex');
  });

  test('[n] markers become citation buttons; links stay links', () => {
    const html = renderMarkdown('KV cache 省掉重复计算 [1][2]。见 [文档](https://example.com) 与 [3]。');
    expect(html.match(/<button type="button" class="cite" data-cite="\d+"/g)).toHaveLength(3);
    expect(html).toContain('<a href="https://example.com"');
  });
});
