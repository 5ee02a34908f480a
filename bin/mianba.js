#!/usr/bin/env node
// Entry point of the `mianba` bin: runs the compiled CLI (built by `npm ci` through the prepare script). Prefers the
// bundle of it (dist/cli-bundle, one file per command: ~90 fewer modules to resolve at every call; search and ask have
// bundles of their own) when it is at least as new as the tsc output, so a `tsc`-only rebuild during development is
// never shadowed by a stale bundle.
// Start-up cost matters here (a search is ~2.5x a bare `node -e ""`). This file is CommonJS (bin/package.json) and
// requires the CommonJS bundle of a frequent verb, so such a call never starts Node's ES module loader (~20 more Node
// internals, fs/promises and readline among them); other verbs import the ES bundle. stdin/stdout/stderr streams are
// only created when used as streams (creating one for a pipe loads `net` and the streams: ~5-8 ms); plain output is
// written to the descriptor.
'use strict';
const fs = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const modifiedMs = (relative) => fs.statSync(join(__dirname, relative), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = modifiedMs('../dist/cli-bundle/main.js') >= Math.max(0, modifiedMs('../dist/cli/main.js'));
const argv = process.argv.slice(2);
// Frequent verbs have a bundle of their own (scripts/bundle-cli.ts): one CommonJS file instead of ES chunks.
const verb = argv.find((arg) => arg !== '--debug');
const ownBundle = bundled && verb && /^[a-z]+$/.test(verb) ? `../dist/cli-bundle/${verb}/${verb}.cjs` : undefined;
const importMain = (relative) => import(pathToFileURL(join(__dirname, relative)).href);
const loadMain = async () =>
  ownBundle && modifiedMs(ownBundle) >= 0
    ? require(ownBundle)
    : bundled
      ? await importMain('../dist/cli-bundle/main.js')
      : await importMain('../dist/cli/main.js');

// The MCP server speaks its protocol over real streams (it waits for 'drain', reads stdin as a stream).
const streams = argv[0] === 'mcp';

/** `mianba ask … | head -1`: the reader closed the pipe; stop quietly, as other CLI tools do, instead of crashing. */
const quietOnEpipe = (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
};

/** A Writable-like output for fd 1 or 2: synchronous writes (as Node's own stdout is for files, pipes and terminals). */
function descriptorOutput(fd, stream) {
  // Terminals are character devices (so is /dev/null: the real stream then decides); pipes and files never are.
  const maybeTty = fs.fstatSync(fd).isCharacterDevice();
  const write = (chunk, encoding, callback) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
    for (let offset = 0; offset < bytes.length; ) {
      try {
        offset += fs.writeSync(fd, bytes, offset);
      } catch (error) {
        // A descriptor someone left non-blocking: wait a moment and write the rest.
        if (error.code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        else quietOnEpipe(error);
      }
    }
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) queueMicrotask(() => done());
    return true;
  };
  return {
    write,
    get isTTY() {
      return maybeTty && Boolean(stream().isTTY);
    },
    get columns() {
      return maybeTty ? stream().columns : undefined;
    },
    on: (...args) => stream().on(...args),
    once: (...args) => stream().once(...args),
  };
}

const realStream = (name) => () => {
  const stream = process[name];
  if (!stream.listenerCount('error')) stream.on('error', quietOnEpipe);
  return stream;
};

async function run() {
  const { main } = await loadMain();
  process.exitCode = await main(argv, {
    stdout: streams ? realStream('stdout')() : descriptorOutput(1, realStream('stdout')),
    stderr: streams ? realStream('stderr')() : descriptorOutput(2, realStream('stderr')),
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  });
}

run();
