// Build step (`npm run build`, after tsc): bundles the compiled CLI (dist/cli/main.js and every module it imports,
// commands split into lazily loaded chunks) into dist/cli-bundle/, so a CLI call resolves and links a few files
// instead of ~50 of our ES modules (packages stay external). The frequent verbs (search, ask) also get a bundle of
// their own, dist/cli-bundle/<verb>/<verb>.js, that holds that command and nothing shared with the others. bin/mianba.js
// uses the bundles when they are at least as new as dist/cli/main.js, and the plain tsc output otherwise (a
// `tsc`-only rebuild is never shadowed).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { packageRoot } from '../src/bank/bank-data.js';
import { asciiOnly } from './ascii-bundle.js';

const dist = join(packageRoot, 'dist');
const outdir = join(dist, 'cli-bundle');

/**
 * Verbs bundled on their own, with the export of their command module. In the bundle of all commands, code shared by
 * any two commands lands in a shared chunk: `search` loaded 19 files. Its own bundle loads 12 (the rest are the
 * modules it imports lazily), each resolved, read, compiled and linked once per call.
 */
const ownBundles: Record<string, string> = { search: 'runSearch', ask: 'runAsk' };

/**
 * Modules find files next to themselves (dist/bank.json, web/dist, the parse worker) through import.meta.url; in a
 * bundle that URL would be the chunk's. Each module's import.meta.url is rewritten to its own dist/ file's URL.
 */
const ownUrl = (directory: string): Plugin => ({
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = withPrebundledPackages(args.path, await readFile(args.path, 'utf8'));
      if (!args.path.startsWith(dist) || !text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const fromChunk = relative(directory, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`), loader: 'js' };
    });
  },
});

/**
 * better-sqlite3's JavaScript is 13 CommonJS files: requiring them costs a search ~10-15 ms of module resolution
 * (each file's path and package scope looked up) for ~30 KB of code. The CLI gets them as one file, bundled here
 * (the native addon still loads from node_modules, by the path src/store/sqlite-open.ts finds). The `require` of the
 * package in that file is pointed at the bundle; if the line is not found the build fails instead of silently
 * loading the package the slow way.
 */
const prebundled = [{ importer: join(dist, 'store', 'sqlite-open.js'), name: 'better-sqlite3', file: 'better-sqlite3.cjs' }];

function withPrebundledPackages(path: string, text: string): string {
  const entry = prebundled.find((candidate) => candidate.importer === path);
  if (!entry) return text;
  const call = `require('${entry.name}')`;
  if (text.split(call).length !== 2) throw new Error(`bundle-cli: expected one ${call} in ${path}`);
  const target = relative(dirname(path), join(outdir, entry.file)).split('\\').join('/');
  return text.replace(call, `require(${JSON.stringify(target.startsWith('.') ? target : `./${target}`)})`);
}

/**
 * `import { readFileSync } from 'node:fs'` in an ES module makes Node build an ES facade of the whole built-in, reading
 * every export, and fs's lazy getters (ReadStream, WriteStream, promises) then load Node's stream modules: ~5-8 ms
 * per CLI call that `node -e ""` never pays. Loading crypto at all costs ~6 ms more (it pulls in streams too), and
 * `search` only needs it for hashes that are rarely computed. So our modules get these built-ins through `require`:
 * fs at once (Node has loaded it already), crypto on the first call of one of its functions. util and os too: their
 * ES facades read every export, and util's lazy MIMEType loads internal/mime (a search needs parseArgs and, without
 * MIANBA_HOME, homedir). Getters and, for the lazily loaded ones, anything but lowercase functions are left out:
 * importing one fails the build, so nothing is silently missing.
 */
const requiredBuiltins: Record<string, 'eager' | 'on first call'> = { fs: 'eager', crypto: 'on first call', util: 'on first call', os: 'on first call' };
const builtinShims: Plugin = {
  name: 'required-builtins',
  setup(builder) {
    const filter = new RegExp(`^(node:)?(${Object.keys(requiredBuiltins).join('|')})$`);
    builder.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'required-builtin' }));
    builder.onLoad({ filter: /.*/, namespace: 'required-builtin' }, (args) => ({ contents: builtinShim(args.path), loader: 'js' }));
  },
};

function builtinShim(name: string): string {
  const builtin = createRequire(import.meta.url)(`node:${name}`) as Record<string, unknown>;
  const lazy = requiredBuiltins[name] === 'on first call';
  const names = Object.getOwnPropertyNames(builtin).filter((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(builtin, key);
    if (!descriptor || !('value' in descriptor) || !/^[A-Za-z_$][\w$]*$/.test(key) || key === 'default') return false;
    return !lazy || (typeof descriptor.value === 'function' && /^[a-z]/.test(key));
  });
  const load = `createRequire(import.meta.url)(${JSON.stringify(`node:${name}`)})`;
  if (!lazy)
    return ["import { createRequire } from 'node:module';", `const builtin = ${load};`, ...names.map((key) => `export const ${key} = builtin.${key};`)].join(
      '\n',
    );
  return [
    "import { createRequire } from 'node:module';",
    'let builtin;',
    `const load = () => (builtin ??= ${load});`,
    ...names.map((key) => `export function ${key}(...args) { return load().${key}(...args); }`),
  ].join('\n');
}

// Chunk names are content hashes: clear the old ones so the folder holds exactly one build.
rmSync(outdir, { recursive: true, force: true });
let files = await bundle({ main: join(dist, 'cli', 'main.js') }, outdir);
for (const [verb, exported] of Object.entries(ownBundles)) {
  // The entry is written beside the compiled CLI so that its imports resolve as main.js's do; removed after the build.
  const entry = join(dist, 'cli', `${verb}-entry.js`);
  writeFileSync(
    entry,
    [
      "import { runCommand } from './run-command.js';",
      `import { ${exported} } from './commands/${verb}.js';`,
      `export const main = (argv, context) => runCommand(argv, context, async () => ${exported});`,
    ].join('\n'),
  );
  try {
    files += await bundle({ [verb]: entry }, join(outdir, verb), 'cjs');
  } finally {
    rmSync(entry, { force: true });
  }
}
// The packages of `prebundled`, each as one CommonJS file (its own dependencies such as `bindings` stay external).
for (const entry of prebundled) {
  await build({
    entryPoints: [createRequire(entry.importer).resolve(entry.name)],
    outfile: join(outdir, entry.file),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  files++;
}
process.stdout.write(`cli bundle: ${files} files -> dist/cli-bundle/\n`);

/**
 * Bundles the entry points into `directory`; returns the file count. As ES modules: commands and lazily imported
 * modules in chunks. As CommonJS (the verbs of `ownBundles`): one `<verb>.cjs` file holding everything, lazily imported
 * modules included (esbuild turns their `import()` into a deferred `require` of code in the same file), so that
 * bin/mianba.js, itself CommonJS, runs a search without Node's ES module loader: an ES entry point loads ~20 Node
 * internals more than a CommonJS one (the loader, and fs/promises with readline that it reads sources with).
 */
async function bundle(entryPoints: Record<string, string>, directory: string, format: 'esm' | 'cjs' = 'esm'): Promise<number> {
  const result = await build({
    entryPoints,
    outdir: directory,
    bundle: true,
    ...(format === 'esm'
      ? { splitting: true, format }
      : {
          format,
          outExtension: { '.js': '.cjs' },
          // Our modules find files next to themselves through import.meta.url (rewritten per module by ownUrl).
          define: { 'import.meta.url': '__bundleUrl' },
          banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
        }),
    platform: 'node',
    target: 'node20',
    // Only our own code is bundled: packages stay in node_modules and load as they were written (CommonJS packages
    // such as iconv-lite require Node built-ins, which an ES bundle cannot; native addons must stay where they are).
    packages: 'external',
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    plugins: [ownUrl(directory), builtinShims],
    logLevel: 'warning',
    metafile: true,
    // Same names in stack traces as dist/ (the CLI prints them with --debug).
    keepNames: true,
    // Whitespace and syntax only (names stay, for --debug stacks): V8 parses every byte of a module at each call,
    // and the search bundle shrinks from 276 to 219 KB.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  for (const output of Object.keys(result.metafile.outputs)) {
    const path = join(packageRoot, output);
    const source = readFileSync(path, 'utf8');
    const ascii = asciiOnly(source, output);
    if (ascii !== source) writeFileSync(path, ascii);
  }
  return Object.keys(result.metafile.outputs).length;
}
