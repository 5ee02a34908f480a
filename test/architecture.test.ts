// Imports follow the layer table of STYLE.md: each folder of src/ may import only the folders listed for it (some
// only with `import type`), folders form no cycle, and nothing outside src/store/ and the composition root (src/app.ts)
// imports a concrete store. Test files are exempt from the layer table (they use the SQLite store as a fixture).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

/** folder -> folders it may import; a trailing * means `import type` only. `app` is src/app.ts and src/app/. */
const allowed: Record<string, string[]> = {
  core: [],
  config: ['core'],
  text: ['core'],
  calc: ['core'],
  store: ['core', 'text'],
  models: ['core', 'text'],
  ingest: ['core', 'text', 'store*'],
  bank: ['core', 'text', 'ingest', 'store*'],
  retrieve: ['core', 'text', 'store*', 'models*'],
  answer: ['core', 'text', 'retrieve', 'models*'],
  practice: ['core', 'text', 'bank', 'retrieve*', 'answer*', 'models*', 'store*'],
  // The evals drive the App's search and ask requests (types only) so that they measure what users get.
  eval: ['core', 'text', 'retrieve*', 'answer*', 'app*'],
  app: ['core', 'config', 'text', 'calc', 'store', 'models', 'ingest', 'bank', 'retrieve', 'answer', 'practice'],
  mcp: ['app*', 'core', 'config', 'bank', 'answer', 'practice'],
  server: ['app*', 'core', 'config', 'bank', 'calc', 'ingest', 'answer', 'practice', 'mcp'],
  cli: ['app', 'core', 'config', 'bank', 'calc', 'eval', 'ingest', 'practice', 'retrieve*', 'mcp', 'server'],
};

/**
 * Known exceptions, each with its reason. practice.db is still a SQLite adapter living in practice/ (a PracticeStore
 * interface with a PostgreSQL implementation is the pg helper's work); it opens its file through the one SQLite opener.
 */
const exceptions = new Set(['practice/practice-store.ts -> store/sqlite-open.ts']);

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Relative imports and re-exports, static and dynamic, of every non-test file under src/. */
function imports(): Import[] {
  return sourceFiles(src).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const file = relative(src, path);
    const found: Import[] = [];
    const add = (specifier: string, typeOnly: boolean) => {
      if (!specifier.startsWith('.')) return;
      found.push({ file, target: normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts'), typeOnly });
    };
    for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) add(match[2] as string, Boolean(match[1]));
    for (const match of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) add(match[1] as string, false);
    return found;
  });
}

function folderOf(file: string): string {
  const [first] = file.split('/');
  return first === 'app.ts' ? 'app' : (first as string);
}

const all = imports();

describe('architecture', () => {
  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(500);
    expect(Object.keys(allowed).sort()).toEqual(
      readdirSync(src, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort(),
    );
  });

  it('every folder imports only what the layer table allows', () => {
    const violations = all.flatMap(({ file, target, typeOnly }) => {
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to || exceptions.has(`${file} -> ${target}`)) return [];
      const rules = allowed[from] ?? [];
      const ok = rules.includes(to) || (typeOnly && rules.includes(`${to}*`));
      return ok ? [] : [`${file} -> ${target}${typeOnly ? ' (type)' : ''}`];
    });
    expect(violations).toEqual([]);
  });

  it('folders form no import cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const { file, target } of all) {
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (folder: string, path: string[]) => {
      if (state.get(folder) === 'done') return;
      if (state.get(folder) === 'open') {
        cycles.push([...path.slice(path.indexOf(folder)), folder].join(' -> '));
        return;
      }
      state.set(folder, 'open');
      for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
      state.set(folder, 'done');
    };
    for (const folder of edges.keys()) visit(folder, []);
    expect(cycles).toEqual([]);
  });

  it('only src/store/ and the composition root import a concrete store (values); everyone else sees the interfaces', () => {
    const interfaces = new Set(['store/store.ts', 'store/kb-catalog.ts']);
    const concrete = all.filter(
      ({ file, target, typeOnly }) =>
        target.startsWith('store/') &&
        !file.startsWith('store/') &&
        file !== 'app.ts' &&
        !(typeOnly && interfaces.has(target)) &&
        !exceptions.has(`${file} -> ${target}`),
    );
    expect(concrete.map(({ file, target }) => `${file} -> ${target}`)).toEqual([]);
  });
});
