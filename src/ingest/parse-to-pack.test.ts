// The parse worker normalises each unit's question and text once for its tokens and its embedding text: every
// packed file must be what the plain composition gives (parseAndIndex, embeddingText, the embedder normalising
// again), tokens and vector bits alike, on the test notes and on notes written to hit the join's edge cases.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBank } from '../bank/bank-data.js';
import type { DocumentFormat } from '../core/types.js';
import { createThreadEmbedder, HashedNgramEmbedder } from '../models/hashed-ngram-embedder.js';
import { createTextTools } from '../text/text-tools.js';
import { embeddingText } from './index-units.js';
import { packFile } from './packed-file.js';
import { parseAndIndex } from './parse-and-index.js';
import { parseFileToPack } from './parse-to-pack.js';

const tools = createTextTools(readBank().bank.glossary);
const embed = createThreadEmbedder(new HashedNgramEmbedder(tools).threadRecipe().data);

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(md|txt|html)$/.test(name) ? [path] : [];
  });
}

const formatOf = (path: string): DocumentFormat => (path.endsWith('.html') ? 'html' : path.endsWith('.txt') ? 'text' : 'markdown');

async function plainPack(path: string, format: DocumentFormat, bytes: Uint8Array) {
  const parsed = await parseAndIndex(path, format, bytes, tools.tokenize);
  return packFile(
    parsed,
    embed(parsed.units.map((unit) => embeddingText({ question: unit.unit.question, questionEn: unit.questionEn, text: unit.unit.text }))),
  );
}

const edgeNotes = [
  '## 什麼是 KV Cache？\n\n發展很快的 ΟΔΟΣ 技術 &#10; 一行 &amp; 两行\n',
  '## Q: what is &lt;RoPE&gt;?\n\nRotary embeddings; ΣΟΦΟΣ.\n\n## 问：为什么\n\n',
  '# 标题\n\n\u0301 开头的组合符号 e\u0301 ＫＶ ⼤模型 ﬁne-tune\u00a0top-p\n',
];

describe('parseFileToPack', () => {
  it('packs every test note exactly as parsing, embedding texts and embedding them apart would', async () => {
    const paths = ['notes-repo', 'eval-notes', 'ingest'].flatMap((name) => filesUnder(join('test', 'fixtures', name)));
    expect(paths.length).toBeGreaterThan(10);
    let compared = 0;
    for (const path of paths) {
      const bytes = new Uint8Array(readFileSync(path));
      const format = formatOf(path);
      const expected = await plainPack(path, format, bytes).catch((error: Error) => error.message);
      const actual = await parseFileToPack({ path, format, bytes }, { dictionary: tools.dictionary, tokenize: tools.tokenize, embed }).catch(
        (error: Error) => error.message,
      );
      expect(actual).toEqual(expected);
      if (typeof expected !== 'string') compared += expected.units.length;
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('is the same on notes with entities, traditional script, final sigma and combining marks', async () => {
    for (const [index, note] of edgeNotes.entries()) {
      const bytes = new TextEncoder().encode(note);
      const expected = await plainPack(`edge-${index}.md`, 'markdown', bytes);
      const actual = await parseFileToPack(
        { path: `edge-${index}.md`, format: 'markdown', bytes },
        { dictionary: tools.dictionary, tokenize: tools.tokenize, embed },
      );
      expect(actual.units.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    }
  });
});
