// The document viewer's API (issue 14 item 3): a document's text by its path relative to the knowledge base, with
// the passage a citation points at; PDF with page numbers, DOCX as extracted text; "../" and symlinks refused; and
// answers whose citations carry that KB-relative path (never $MIANBA_HOME) and the bank question id.
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHttpApp, makeTestApp, type TestHome } from './server-helpers.js';
import { makeDocx, makePdf } from './support/make-fixtures.js';

type Hono = ReturnType<typeof makeHttpApp>;
interface TextResponse {
  path: string;
  format: string;
  lines: { n: number; text: string; page?: number }[];
  passages: { lineStart: number; lineEnd: number; question: string | null }[];
}

const note = ['# 推理笔记', '', '## 鲸鱼缓存为什么能加速解码?', '', '鲸鱼缓存保存已经算过的键和值,解码新词时不必重算前缀。', ''].join('\n');

describe('document text for the viewer', () => {
  let home: TestHome;
  let http: Hono;
  beforeAll(async () => {
    home = await makeTestApp();
    http = makeHttpApp(home);
    const form = new FormData();
    form.append('file', new Blob([note]), 'llm/whale.md');
    form.append('file', new Blob([new Uint8Array(makePdf(['1. What is RLHF?', 'Reinforcement learning from human feedback.']))]), 'rlhf.pdf');
    form.append('file', new Blob([new Uint8Array(await makeDocx([{ text: 'What is DPO?' }, { text: 'Direct preference optimization.' }]))]), 'dpo.docx');
    const upload = await http.request('/api/kbs/notes/documents', { method: 'POST', body: form });
    expect(upload.status).toBe(200);
  }, 120_000);
  afterAll(() => home?.cleanup());

  const text = async (path: string) => http.request(`/api/kbs/notes/text?path=${encodeURIComponent(path)}`);

  it('cites uploads by their KB-relative path, which opens the note at the cited passage', async () => {
    const answer = (await (
      await http.request('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: '鲸鱼缓存为什么能加速解码?', kb: 'notes' }),
      })
    ).json()) as { citations: { path: string; line: number; questionId: string | null }[]; answer: string };
    const citation = answer.citations[0];
    expect(citation?.path).toBe('llm/whale.md');
    expect(JSON.stringify(answer)).not.toContain(home.home);
    const response = await text(citation?.path ?? '');
    expect(response.status).toBe(200);
    const body = (await response.json()) as TextResponse;
    expect(body.format).toBe('markdown');
    expect(body.lines[(citation?.line ?? 0) - 1]?.text).toBe('## 鲸鱼缓存为什么能加速解码?');
    expect(body.passages).toContainEqual(expect.objectContaining({ lineStart: citation?.line, question: '鲸鱼缓存为什么能加速解码?' }));
  });

  it('gives PDF text with page numbers and DOCX as extracted text', async () => {
    const pdf = (await (await text('rlhf.pdf')).json()) as TextResponse;
    expect(pdf.lines.map((line) => line.text).join(' ')).toContain('Reinforcement learning from human feedback.');
    expect(pdf.lines.every((line) => line.page === 1)).toBe(true);
    const docx = (await (await text('dpo.docx')).json()) as TextResponse;
    expect(docx.lines.map((line) => line.text)).toContain('Direct preference optimization.');
  });

  it('bank citations carry the question id (they open in the Bank) and the bank has no file to show', async () => {
    const answer = (await (
      await http.request('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'KV cache 为什么能加速推理?' }),
      })
    ).json()) as { citations: { kb: string; questionId: string | null }[] };
    expect(answer.citations.filter((citation) => citation.kb === 'builtin').every((citation) => typeof citation.questionId === 'string')).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect((await http.request('/api/kbs/builtin/text?path=bank/chapters/04.yaml')).status).toBe(404);
  });

  it('refuses server paths, "../" and a file swapped for a symlink, with a code and no server path', async () => {
    for (const path of ['../../../etc/passwd', join(home.home, 'uploads/notes/llm/whale.md'), '/etc/hostname', 'llm/../llm/whale.md']) {
      const response = await text(path);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
    }
    const file = join(home.home, 'uploads', 'notes', 'dpo.docx');
    rmSync(file);
    symlinkSync('/etc/hostname', file);
    const linked = await text('dpo.docx');
    expect(linked.status).toBe(403);
    expect(JSON.stringify(await linked.json())).not.toContain(home.home);
  });

  it('re-index keeps the first import time and records when it last indexed (issue 14)', async () => {
    type Listed = { documents: { name: string; ingestedAt: string; indexedAt: string }[] };
    const before = (await (await http.request('/api/kbs/notes')).json()) as Listed;
    const whale = before.documents.find((document) => document.name.endsWith('whale.md'));
    expect(whale?.indexedAt).toBe(whale?.ingestedAt);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await http.request('/api/kbs/notes/reindex', { method: 'POST' })).status).toBe(200);
    const after = (await (await http.request('/api/kbs/notes')).json()) as Listed;
    const again = after.documents.find((document) => document.name.endsWith('whale.md'));
    expect(again?.ingestedAt).toBe(whale?.ingestedAt);
    expect(Date.parse(again?.indexedAt ?? '')).toBeGreaterThan(Date.parse(whale?.ingestedAt ?? ''));
  });
});
