#!/usr/bin/env node
// Entry point of the `mianba` bin: runs the compiled CLI (built by `npm ci` through the prepare script). Prefers the
// bundle of it (dist/cli-bundle, one file per command: ~90 fewer modules to resolve at every call) when it is at
// least as new as the tsc output, so a `tsc`-only rebuild during development is never shadowed by a stale bundle.
import { statSync } from 'node:fs';

const modifiedMs = (relative) => statSync(new URL(relative, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = modifiedMs('../dist/cli-bundle/main.js') >= Math.max(0, modifiedMs('../dist/cli/main.js'));
const { main } = bundled ? await import('../dist/cli-bundle/main.js') : await import('../dist/cli/main.js');

// `mianba ask … | head -1`: the reader closed the pipe; stop quietly, as other CLI tools do, instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
