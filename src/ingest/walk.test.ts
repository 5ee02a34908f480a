// Which files an ingest picks up from the user's inputs: folders walked recursively without hidden folders or
// node_modules, only supported formats from folders and globs, explicit files as given, missing inputs reported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkInputs } from './walk.js';

let root: string;
const at = (...parts: string[]) => join(root, ...parts);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mianba-walk-'));
  for (const file of [
    'notes/a.md',
    'notes/b.txt',
    'notes/deep/c.html',
    'notes/deep/deeper/d.pdf',
    'notes/e.docx',
    'notes/image.png',
    'notes/data.json',
    'notes/.hidden/secret.md',
    'notes/.draft.md',
    'notes/node_modules/pkg/readme.md',
    'other/f.md',
  ]) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(at(file), 'x');
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('folders', () => {
  it('walks recursively and keeps supported formats only, sorted', async () => {
    const { files, missing } = await walkInputs(['notes'], root);
    expect(files).toEqual(['notes/a.md', 'notes/b.txt', 'notes/deep/c.html', 'notes/deep/deeper/d.pdf', 'notes/e.docx'].map((file) => at(file)));
    expect(missing).toEqual([]);
  });

  it('skips hidden files, hidden folders and node_modules', async () => {
    const { files } = await walkInputs([root], '/');
    expect(files.some((file) => file.includes('.hidden') || file.includes('.draft') || file.includes('node_modules'))).toBe(false);
  });
});

describe('files and globs', () => {
  it('takes an explicit file as given, even with an unsupported extension, so ingest can report it', async () => {
    expect((await walkInputs(['notes/image.png'], root)).files).toEqual([at('notes/image.png')]);
  });

  it('expands globs relative to the working directory, keeping supported formats and skipping hidden files', async () => {
    expect((await walkInputs(['notes/*'], root)).files).toEqual(['notes/a.md', 'notes/b.txt', 'notes/e.docx'].map((file) => at(file)));
    expect((await walkInputs(['notes/deep/**/*.*'], root)).files).toEqual(['notes/deep/c.html', 'notes/deep/deeper/d.pdf'].map((file) => at(file)));
  });

  it('skips node_modules in a recursive glob as a folder walk does', async () => {
    const { files } = await walkInputs(['notes/**/*.md'], root);
    expect(files).toEqual([at('notes/a.md')]);
  });

  it('lists each file once when inputs overlap', async () => {
    const { files } = await walkInputs(['notes', 'notes/a.md', 'notes/*.md', 'other'], root);
    expect(files.filter((file) => file === at('notes/a.md'))).toHaveLength(1);
    expect(files).toContain(at('other/f.md'));
  });
});

describe('missing inputs', () => {
  it('reports paths that do not exist and globs that match no supported file', async () => {
    const { files, missing } = await walkInputs(['nope.md', 'notes/*.png', 'other/*.md'], root);
    expect(missing).toEqual(['nope.md', 'notes/*.png']);
    expect(files).toEqual([at('other/f.md')]);
  });
});
