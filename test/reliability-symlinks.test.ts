// Reliability cases of issue 17 for symbolic links: one policy for folder walks and globs (follow a link only when
// its real target is inside the root the user gave), links leading outside reported as refused (never silently
// ingested or silently dropped), and what is stored is the real path verified at ingest time.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../src/ingest/ingest-files.js';
import { walkInputs } from '../src/ingest/walk.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { createDictionary } from '../src/text/segment.js';
import { createTokenizer } from '../src/text/tokenize.js';

let root: string;
let outside: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-links-')));
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'mianba-links-outside-')));
  mkdirSync(join(root, 'notes', 'sub'), { recursive: true });
  writeFileSync(join(root, 'notes', 'a.md'), '## 什么是 A?\n\nA 是第一个。\n');
  writeFileSync(join(root, 'notes', 'sub', 'b.md'), '## 什么是 B?\n\nB 是第二个。\n');
  writeFileSync(join(outside, 'secret.md'), '## 机密?\n\n不该被收录。\n');
  symlinkSync(join(outside, 'secret.md'), join(root, 'notes', 'passwd.md'));
  symlinkSync(outside, join(root, 'notes', 'elsewhere'));
  symlinkSync(join(root, 'notes', 'sub', 'b.md'), join(root, 'notes', 'b-link.md'));
  symlinkSync(join(root, 'notes'), join(root, 'notes', 'sub', 'loop'));
});

describe('symlinks: follow only inside the given root', () => {
  it('a glob does not follow a link to a file outside its folder, and says so', async () => {
    const walked = await walkInputs(['notes/*.md'], root);
    expect(walked.files).toEqual([join(root, 'notes', 'a.md'), join(root, 'notes', 'sub', 'b.md')]);
    expect(walked.refusedLinks).toEqual([{ path: join(root, 'notes', 'passwd.md'), target: join(outside, 'secret.md') }]);
  });

  it('a folder walk follows links inside the folder (by real path, once, loops ignored) and refuses the rest', async () => {
    const walked = await walkInputs(['notes'], root);
    expect(walked.files).toEqual([join(root, 'notes', 'a.md'), join(root, 'notes', 'sub', 'b.md')]);
    expect(walked.refusedLinks.map((link) => link.path).sort()).toEqual([join(root, 'notes', 'elsewhere'), join(root, 'notes', 'passwd.md')]);
  });

  it('ingest reports the refused links as skipped (forbidden) and never stores the outside file', async () => {
    const store = openSqliteStore(join(root, 'kb.sqlite'), 'links');
    const dictionary = createDictionary([]);
    const summary = await ingestFiles({ inputs: ['notes'], cwd: root, maxFileBytes: 2 ** 20, prune: false, store, tokenize: createTokenizer(dictionary) });
    expect(summary.files.filter((file) => file.outcome === 'skipped').map((file) => file.code)).toEqual(['forbidden', 'forbidden']);
    expect((await store.listDocuments()).map((document) => document.path)).toEqual([join(root, 'notes', 'a.md'), join(root, 'notes', 'sub', 'b.md')]);
  });
});
