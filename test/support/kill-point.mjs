// Preloaded into a `mianba` child (node --import) by test/ingest-kill.test.ts: when the process reaches the write
// point named by MIANBA_KILL_AT ("<point> <path>", see src/core/write-points.ts) it prints "KILL-POINT <point> <path>"
// on stdout and freezes there, so the parent's SIGKILL lands exactly at that point. Never loaded outside tests.
import { subscribe } from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';

const wanted = process.env.MIANBA_KILL_AT;
/** Upper bound on the freeze: a parent that never kills must not leave a process behind. */
const freezeMs = 120_000;

if (wanted)
  subscribe('mianba:write-point', ({ point, path }) => {
    if (`${point} ${path}` !== wanted) return;
    writeSync(1, `\nKILL-POINT ${point} ${path}\n`);
    // A synchronous wait: no other JavaScript (no commit, no next file) runs until the kill.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, freezeMs);
    writeSync(2, 'kill-point: not killed in time\n');
    process.exit(70);
  });
