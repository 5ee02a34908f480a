// The web app's Markdown renderer (web/src/markdown.ts) is the one place where note and answer text becomes HTML:
// raw HTML, script URLs, external images and KaTeX's risky commands must all come out inert.
import { describe, expect, test } from 'vitest';
import { calcErrorZh, calcTextZh } from '../web/src/calc-zh.js';
import { renderFormulaText, renderMarkdown } from '../web/src/markdown.js';

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

  test('3,000 nested \\sqrt{ in a note render as source instead of overflowing the stack (issue 17 item 10)', () => {
    const deep = `$${'\\sqrt{'.repeat(3000)}x${'}'.repeat(3000)}$`;
    const html = renderMarkdown(`前言 ${deep} 后记`);
    expect(html).toContain('class="math-source"');
    expect(html).toContain('后记');
    const block = renderMarkdown(`$$\n${'\\left('.repeat(2000)}x${'\\right)'.repeat(2000)}\n$$`);
    expect(block).toContain('class="math-source"');
    expect(renderMarkdown('$\\sqrt{\\sqrt{x}}$')).toContain('class="katex"');
  });

  test('a paragraph right after a list is not swallowed by the last item; fenced code is left alone', () => {
    const html = renderMarkdown('- 第一点\n- 第二点\n结论在列表外。');
    expect(html).toMatch(/<\/ul>\s*<p>结论在列表外。<\/p>/);
    const fenced = renderMarkdown('```\n- a\nb\n```');
    expect(fenced).toContain('- a\nb');
  });

  test('**bold** next to Chinese punctuation bolds instead of showing the asterisks', () => {
    const html = renderMarkdown('**注意:**这里是正文,**KV cache**。');
    expect(html).not.toContain('**');
    expect(html).toContain('<strong>注意:</strong>');
    expect(html).toContain('<strong>KV cache</strong>');
    expect(renderMarkdown('`a**b**c`')).toContain('a**b**c');
  });

  test('key points write formulas as text: exponents and subscripts become sup/sub, words stay', () => {
    expect(renderFormulaText('公式 softmax(QK^T/√d_k)V')).toBe('公式 softmax(QK<sup>T</sup>/√d<sub>k</sub>)V');
    expect(renderFormulaText('α=(2N)^(1/4)')).toBe('α=(2N)<sup>1/4</sup>');
    expect(renderFormulaText('max_length 与 <b>')).toBe('max_length 与 &lt;b&gt;');
    expect(renderFormulaText('复杂度 $O(n^2)$')).toContain('class="katex"');
  });
});

describe('calculator text in the Chinese UI', () => {
  test('term names and formulas in Chinese, numbers and symbols kept', () => {
    expect(calcTextZh('optimizer states (offloaded to CPU)')).toBe('优化器状态(卸载到 CPU)');
    expect(calcTextZh('weights + gradients + optimizer states + activations')).toBe('权重 + 梯度 + 优化器状态 + 激活');
    expect(calcTextZh('FLOPs / (GPUs × peak TFLOPS × MFU)')).toBe('FLOPs / (GPU 数 × 峰值 TFLOPS × MFU)');
  });

  test('errors in Chinese', () => {
    expect(calcErrorZh('unknown model "gpt-9"; valid presets: a, b')).toBe('未知模型 "gpt-9",请从列表中选择');
    expect(calcErrorZh('context must be a token count like 4096 or 32k, got "lots"')).toBe('context 应为 token 数,如 4096 或 32k,而不是 "lots"');
  });
});
