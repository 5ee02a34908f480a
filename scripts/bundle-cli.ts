// Build step (`npm run build`, after tsc): bundles the compiled CLI (dist/cli/main.js and every module it imports,
// commands split into lazily loaded chunks) into dist/cli-bundle/, so a CLI call resolves and links a few files
// instead of ~50 of our ES modules (packages stay external). bin/mianba.js uses the bundle when it is
// at least as new as dist/cli/main.js, and the plain tsc output otherwise (a `tsc`-only rebuild is never shadowed).
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { packageRoot } from '../src/bank/bank-data.js';

const dist = join(packageRoot, 'dist');
const outdir = join(dist, 'cli-bundle');

/**
 * Modules find files next to themselves (dist/bank.json, web/dist, the parse worker) through import.meta.url; in a
 * bundle that URL would be the chunk's. Each module's import.meta.url is rewritten to its own dist/ file's URL.
 */
const ownUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = withPrebundledPackages(args.path, await readFile(args.path, 'utf8'));
      if (!args.path.startsWith(dist) || !text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const fromChunk = relative(outdir, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/**
 * better-sqlite3's JavaScript is 13 CommonJS files: requiring them costs a search ~10-15 ms of module resolution
 * (each file's path and package scope looked up) for ~30 KB of code. The CLI gets them as one file, bundled here
 * (the native addon still loads from node_modules, by the path src/store/sqlite-open.ts finds). The `require` of the
 * package in that file is pointed at the bundle; if the line is not found the build fails instead of silently
 * loading the package the slow way.
 */
const prebundled = [{ importer: join(dist, 'store', 'sqlite-open.js'), from: "require('better-sqlite3')", file: 'better-sqlite3.cjs' }];

function withPrebundledPackages(path: string, text: string): string {
  const entry = prebundled.find((candidate) => candidate.importer === path);
  if (!entry) return text;
  if (text.split(entry.from).length !== 2) throw new Error(`bundle-cli: expected one ${entry.from} in ${path}`);
  const target = relative(dirname(path), join(outdir, entry.file)).split('\\').join('/');
  return text.replace(entry.from, `require(${JSON.stringify(target.startsWith('.') ? target : `./${target}`)})`);
}

/**
 * `import { readFileSync } from 'node:fs'` in an ES module makes Node build an ES facade of the whole built-in, reading
 * every export, and fs's lazy getters (ReadStream, WriteStream, promises) then load Node's stream modules: ~5-8 ms
 * per CLI call that `node -e ""` never pays. Loading crypto at all costs ~6 ms more (it pulls in streams too), and
 * `search` only needs it for hashes that are rarely computed. So our modules get these built-ins through `require`:
 * fs at once (Node has loaded it already), crypto on the first call of one of its functions. Getters and, for crypto,
 * anything but lowercase functions are left out: importing one fails the build, so nothing is silently missing.
 */
const requiredBuiltins: Record<string, 'eager' | 'on first call'> = { fs: 'eager', crypto: 'on first call' };
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
const result = await build({
  entryPoints: [join(dist, 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Only our own code is bundled: packages stay in node_modules and load as they were written (CommonJS packages
  // such as iconv-lite require Node built-ins, which an ES bundle cannot; native addons must stay where they are).
  packages: 'external',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  plugins: [ownUrl, builtinShims],
  logLevel: 'warning',
  metafile: true,
  // Same names in stack traces as dist/ (the CLI prints them with --debug).
  keepNames: true,
});
// The packages of `prebundled`, each as one CommonJS file (its own dependencies such as `bindings` stay external).
for (const entry of prebundled) {
  await build({
    entryPoints: [createRequire(entry.importer).resolve('better-sqlite3')],
    outfile: join(outdir, entry.file),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
}
const files = Object.keys(result.metafile.outputs).length + prebundled.length;
process.stdout.write(`cli bundle: ${files} files -> dist/cli-bundle/\n`);
