// Build step (`npm run build`, after tsc): bundles the compiled CLI (dist/cli/main.js and every module it imports,
// commands split into lazily loaded chunks) into dist/cli-bundle/, so a CLI call resolves and links a few files
// instead of ~50 of our ES modules (packages stay external). bin/mianba.js uses the bundle when it is
// at least as new as dist/cli/main.js, and the plain tsc output otherwise (a `tsc`-only rebuild is never shadowed).
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
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
      const text = await readFile(args.path, 'utf8');
      if (!args.path.startsWith(dist) || !text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const fromChunk = relative(outdir, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

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
  plugins: [ownUrl],
  logLevel: 'warning',
  metafile: true,
  // Same names in stack traces as dist/ (the CLI prints them with --debug).
  keepNames: true,
});
const files = Object.keys(result.metafile.outputs).length;
process.stdout.write(`cli bundle: ${files} files -> dist/cli-bundle/\n`);
