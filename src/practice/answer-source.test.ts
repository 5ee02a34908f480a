import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createFileAnswers, createTerminalAnswers, parseAnswerFile } from './answer-source.js';
import { createLineReader } from './line-reader.js';

function terminal(script: string, end = true) {
  const input = new PassThrough();
  const lines = createLineReader(input);
  const written: string[] = [];
  const source = createTerminalAnswers({ lines, write: (text) => written.push(text), editor: undefined });
  input.write(script);
  if (end) input.end();
  return { source, written, lines };
}

describe('terminal answers', () => {
  test('multi-line answers end with an empty line or "."; leading blank lines are ignored', async () => {
    const { source } = terminal('\nfirst line\nsecond line\n\nonly line\n.\n.\n');
    expect(await source.readAnswer()).toEqual({ kind: 'answer', text: 'first line\nsecond line' });
    expect(await source.readAnswer()).toEqual({ kind: 'answer', text: 'only line' });
    expect(await source.readAnswer()).toEqual({ kind: 'answer', text: '' });
  });

  test('skip, hint and quit are commands on the first line; end of input quits (dropping a half-typed answer)', async () => {
    const { source } = terminal('hint\nSKIP\nquit\nhalf typed');
    expect(await source.readAnswer()).toEqual({ kind: 'hint' });
    expect(await source.readAnswer()).toEqual({ kind: 'skip' });
    expect(await source.readAnswer()).toEqual({ kind: 'quit' });
    expect(await source.readAnswer()).toEqual({ kind: 'quit' });
  });

  test('rating: enter takes the proposal, 1-4 or names override, nonsense asks again', async () => {
    const { source, written } = terminal('\n1\nbanana\neasy\n');
    expect(await source.readRating('good')).toBe('good');
    expect(await source.readRating('good')).toBe('again');
    expect(await source.readRating('hard')).toBe('easy');
    expect(written.join('')).toContain('rating [enter=Hard, 1-4]: ');
    expect(await source.readRating('hard')).toBe('hard');
  });

  test.skipIf(process.platform === 'win32')(':e opens $EDITOR on a temp file and takes what was saved', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mianba-editor-'));
    try {
      const editor = join(folder, 'fake-editor.sh');
      writeFileSync(editor, '#!/bin/sh\nprintf "written in the editor\\nsecond line\\n" > "$1"\n');
      chmodSync(editor, 0o755);
      const input = new PassThrough();
      const lines = createLineReader(input);
      const source = createTerminalAnswers({ lines, write: () => {}, editor });
      input.end(':e\n');
      expect(await source.readAnswer()).toEqual({ kind: 'answer', text: 'written in the editor\nsecond line' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('lines arriving later are read as they come', async () => {
    const input = new PassThrough();
    const lines = createLineReader(input);
    const source = createTerminalAnswers({ lines, write: () => {}, editor: undefined });
    const pending = source.readAnswer();
    input.write('typed ');
    input.write('slowly\n');
    input.write('\n');
    expect(await pending).toEqual({ kind: 'answer', text: 'typed slowly' });
    lines.close();
  });
});

describe('answer files', () => {
  test('answers are separated by lines of ---; command chunks are commands; running out quits', async () => {
    const chunks = parseAnswerFile('first answer\nspans lines\n---\nhint\n---\nafter the hint\n---  \nskip\r\n---\n');
    expect(chunks).toEqual(['first answer\nspans lines', 'hint', 'after the hint', 'skip', '']);
    const source = createFileAnswers(chunks);
    expect(source.interactive).toBe(false);
    expect(await source.readAnswer()).toEqual({ kind: 'answer', text: 'first answer\nspans lines' });
    expect(await source.readAnswer()).toEqual({ kind: 'hint' });
    expect(await source.readAnswer()).toEqual({ kind: 'answer', text: 'after the hint' });
    expect(await source.readAnswer()).toEqual({ kind: 'skip' });
    expect(await source.readAnswer()).toEqual({ kind: 'answer', text: '' });
    expect(await source.readAnswer()).toEqual({ kind: 'quit' });
    expect(await source.readRating('hard')).toBe('hard');
  });
});
