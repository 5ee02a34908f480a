// Real-shaped Markdown notes for the ingest bench: the note fixtures (and any extra note folders given) copied many
// times with variations (sections shuffled, headings and numbers changed, some copies merged into long files), so
// every file is new to the store and the sizes spread like a notes repo (1 KB to ~100 KB). Deterministic per seed.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createRandom } from './prng.js';

export interface NotesCorpus {
  directory: string;
  files: number;
  bytes: number;
}

/** Note folders shipped with the repository (the same ones the tests use). */
export function fixtureNoteDirs(projectRoot: string): string[] {
  return ['notes-repo', 'eval-notes', 'ingest'].map((name) => join(projectRoot, 'test', 'fixtures', name));
}

export function writeNotesCorpus(options: { sources: string[]; directory: string; targetBytes: number; seed: number }): NotesCorpus {
  const random = createRandom(options.seed);
  const texts = options.sources.flatMap(readNotes);
  if (texts.length === 0) throw new Error(`no .md or .txt notes in ${options.sources.join(', ')}`);
  let bytes = 0;
  let files = 0;
  while (bytes < options.targetBytes) {
    // Most notes are one source with edits; one in eight merges several (a long chapter file).
    const parts = random.chance(0.125) ? random.int(4, 12) : 1;
    const body = Array.from({ length: parts }, () => vary(random.pick(texts), files, random)).join('\n\n');
    const folder = join(options.directory, `topic-${files % 17}`);
    mkdirSync(folder, { recursive: true });
    const content = `# 笔记 ${files}\n\n${body}\n`;
    writeFileSync(join(folder, `note-${String(files).padStart(5, '0')}.md`), content);
    bytes += Buffer.byteLength(content);
    files++;
  }
  return { directory: options.directory, files, bytes };
}

function readNotes(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => ['.md', '.txt'].includes(extname(path)) && statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'));
}

/** Shuffles blank-line-separated blocks, renumbers headings and numbers: same shape, different text and hash. */
function vary(text: string, copy: number, random: ReturnType<typeof createRandom>): string {
  const blocks = text.split(/\n{2,}/);
  const kept = random.chance(0.5) ? blocks : random.shuffle(blocks).slice(0, Math.max(1, Math.ceil(blocks.length * 0.8)));
  return kept
    .join('\n\n')
    .replace(/^(#{1,6} )/gm, `$1${copy}.${random.int(1, 9)} `)
    .replace(/\d+(\.\d+)?/g, (number) => (random.chance(0.3) ? String(Number(number) + random.int(1, 50)) : number));
}
