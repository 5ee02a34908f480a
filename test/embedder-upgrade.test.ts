// A knowledge base indexed by an older built-in embedder (whose id names the glossary size, which grows with the bank)
// keeps working after an upgrade: it is re-indexed on first use instead of failing with embedder_mismatch.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { kbFile } from '../src/store/kb-files.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('upgrading the built-in embedder', () => {
  it('re-indexes an older built-in index on first use; search and ingest keep working', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mianba-upgrade-'));
    const first = createApp(await loadConfig({ env: { MIANBA_HOME: home } }));
    await first.ingest({ inputs: [join(fixtures, 'eval-notes', 'kv-cache-notes.md')], kb: 'notes', cwd: fixtures });
    first.close();
    const old = openSqliteStore(kbFile(home, 'notes'), 'notes');
    old.setEmbedder(undefined);
    old.setEmbedder({ id: 'builtin-hashed-ngrams-v1-g600', dimensions: 512 });
    old.close();

    const app = createApp(await loadConfig({ env: { MIANBA_HOME: home } }));
    const result = await app.search({ query: 'KV cache 大小怎么心算', kb: 'notes', top: 3 });
    expect(result.hits[0]?.question).toBe('KV cache 大小怎么心算?');
    const [store] = await app.readStores('notes');
    expect(store?.embedder()?.id).not.toBe('builtin-hashed-ngrams-v1-g600');
    expect(store?.embedder()?.id).toMatch(/^builtin-hashed-ngrams-/);
    const more = await app.ingest({ inputs: [join(fixtures, 'eval-notes', 'deepspeed-notes.txt')], kb: 'notes', cwd: fixtures });
    expect(more.counts.failed).toBe(0);
    app.close();
  });
});
