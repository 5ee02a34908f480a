// Re-index a knowledge base: re-parse every stored document whose file still exists (removing it first, so unchanged
// files are parsed again with today's parser), retry files that failed, and prune documents whose file is gone.
import { existsSync } from 'node:fs';
import type { App } from '../app.js';
import type { IngestSummary } from '../ingest/ingest-files.js';

export async function reindexKb(app: App, kb: string, signal?: AbortSignal): Promise<IngestSummary> {
  const shown = await app.showKb(kb);
  const present = shown.documents.map((document) => document.path).filter((path) => existsSync(path));
  const failed = shown.errors.map((error) => error.path).filter((path) => existsSync(path));
  for (const store of await app.readStores(kb)) for (const path of present) store.removeDocument(path);
  const inputs = [...new Set([...present, ...failed])];
  return app.ingest({ inputs, kb, cwd: app.config.home, prune: true, ...(signal ? { signal } : {}) });
}
