// Where answers come from: the terminal (multi-line, ended by an empty line or "."; ":e" opens $EDITOR; skip, hint
// and quit), or an answer file for scripts (answers separated by lines of "---", ratings as the grader proposes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineReader } from './line-reader.js';
import type { NextInterval } from './next-intervals.js';
import { parseRating, type Rating, ratingLabel } from './rating.js';

export type AnswerEvent = { kind: 'answer'; text: string } | { kind: 'skip' } | { kind: 'hint' } | { kind: 'quit' };

export interface AnswerSource {
  readonly interactive: boolean;
  readAnswer(): Promise<AnswerEvent>;
  /** The rating to record: the proposed one on enter (or when not interactive), else what the user typed. */
  /** The rating to record; `intervals` are shown on each choice (next interval per rating, as Anki does). */
  readRating(proposed: Rating, intervals?: readonly NextInterval[]): Promise<Rating>;
}

const commands: Record<string, AnswerEvent> = {
  skip: { kind: 'skip' },
  hint: { kind: 'hint' },
  quit: { kind: 'quit' },
  ':q': { kind: 'quit' },
  exit: { kind: 'quit' },
};

export interface TerminalAnswerOptions {
  lines: LineReader;
  write: (text: string) => void;
  /** $VISUAL or $EDITOR, for ":e". */
  editor: string | undefined;
}

export function createTerminalAnswers(options: TerminalAnswerOptions): AnswerSource {
  const { lines, write } = options;
  return {
    interactive: true,
    async readAnswer() {
      const typed: string[] = [];
      for (;;) {
        write(typed.length === 0 ? '> ' : '  ');
        const line = await lines.next();
        // End of input while typing: the unfinished answer is dropped and the session stays resumable.
        if (line === undefined) return { kind: 'quit' };
        const trimmed = line.trim();
        if (typed.length === 0) {
          if (trimmed === '') continue;
          const command = commands[trimmed.toLowerCase()];
          if (command) return command;
          if (trimmed === '.') return { kind: 'answer', text: '' };
          if (trimmed === ':e') {
            const text = editAnswer(options.editor, write);
            if (text !== undefined) return { kind: 'answer', text };
            continue;
          }
        } else if (trimmed === '' || trimmed === '.') return { kind: 'answer', text: typed.join('\n') };
        typed.push(line);
      }
    },
    async readRating(proposed, intervals) {
      const choices = intervals?.map((entry, index) => `${index + 1} ${ratingLabel(entry.rating)} (${entry.label})`).join(' · ');
      for (let attempt = 0; attempt < 3; attempt++) {
        write(choices ? `${choices}\nrating [enter=${ratingLabel(proposed)}]: ` : `rating [enter=${ratingLabel(proposed)}, 1-4]: `);
        const line = await lines.next();
        if (line === undefined || line.trim() === '') return proposed;
        const chosen = parseRating(line);
        if (chosen) return chosen;
        write('  type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)\n');
      }
      return proposed;
    },
  };
}

/** Answers of an answer file: chunks separated by lines of "---"; "skip", "hint" and "quit" chunks are commands. */
export function parseAnswerFile(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/^---[ \t]*$/m)
    .map((chunk) => chunk.trim());
}

export function createFileAnswers(chunks: readonly string[]): AnswerSource {
  let next = 0;
  return {
    interactive: false,
    async readAnswer() {
      const chunk = chunks[next++];
      if (chunk === undefined) return { kind: 'quit' };
      return commands[chunk.toLowerCase()] ?? { kind: 'answer', text: chunk };
    },
    async readRating(proposed) {
      return proposed;
    },
  };
}

/** Opens the editor on a temp file and returns what was saved (undefined when the editor failed). */
function editAnswer(editor: string | undefined, write: (text: string) => void): string | undefined {
  const command = editor || (process.platform === 'win32' ? 'notepad' : 'vi');
  const folder = mkdtempSync(join(tmpdir(), 'mianba-answer-'));
  const file = join(folder, 'answer.md');
  try {
    writeFileSync(file, '');
    const result = spawnSync(`${command} "${file}"`, { stdio: 'inherit', shell: true });
    if (result.status !== 0) {
      write(`editor "${command}" exited with ${result.status ?? result.signal}; type the answer instead\n`);
      return undefined;
    }
    return readFileSync(file, 'utf8').trim();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
