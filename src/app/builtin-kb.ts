// The built-in knowledge base, rebuilt from the compiled question bank whenever the bank, the tokenizer or the
// embedder changed: one document per chapter, each replaced in its own transaction, chapters no longer in the bank
// removed, progress reported per chapter in units. Never edited by users.
import type { BankData } from '../bank/bank-data.js';
import { bankDocuments } from '../bank/bank-to-units.js';
import { embeddingText } from '../ingest/index-units.js';
import type { Embedder } from '../models/embedder.js';
import type { IndexIdentity, Store } from '../store/store.js';
import type { TextTools } from '../text/text-tools.js';

/** Whether the built-in store was built from this bank with this identity. */
export async function isBankCurrent(store: Store, bankHash: string, identity: IndexIdentity): Promise<boolean> {
  const stored = await store.identity();
  return (
    (await store.meta('bank_hash')) === bankHash &&
    stored?.embedder.id === identity.embedder.id &&
    stored.embedder.dimensions === identity.embedder.dimensions &&
    stored.tokenizer === identity.tokenizer
  );
}

/** Why the built-in store is rebuilt, in words for the progress line; undefined when it is current. */
export async function bankRebuildReason(store: Store, bankHash: string, identity: IndexIdentity): Promise<string | undefined> {
  if (await isBankCurrent(store, bankHash, identity)) return undefined;
  const stored = await store.identity();
  if (!stored) return 'first build';
  if (stored.embedder.id !== identity.embedder.id || stored.embedder.dimensions !== identity.embedder.dimensions)
    return `embedder changed to ${identity.embedder.id}`;
  if (stored.tokenizer !== identity.tokenizer) return 'the glossary or tokenizer changed';
  return 'the question bank changed';
}

/**
 * Brings the built-in store to this bank and identity. `onProgress` gets (0, total) before the first chapter is
 * written and (done, total) after each, in units of the chapters that need writing (a current store writes none).
 */
export async function syncBank(
  store: Store,
  data: BankData,
  tools: TextTools,
  embedder: Embedder,
  identity: IndexIdentity,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const stored = await store.identity();
  const sameIndex = stored?.embedder.id === identity.embedder.id && stored.tokenizer === identity.tokenizer;
  // Other tokens or vectors: every chapter is rebuilt (the content hashes alone would call them unchanged).
  const current = new Map(sameIndex ? (await store.listDocuments()).map((document) => [document.path, document.contentHash]) : []);
  await store.setMeta('bank_hash', '');
  await store.setIdentity(identity);
  const documents = bankDocuments(data.bank.questions, tools.tokenize, data.hash);
  const wanted = new Set(documents.map((entry) => entry.document.path));
  for (const document of await store.listDocuments()) if (!wanted.has(document.path)) await store.removeDocument(document.path);
  const changed = documents.filter(({ document }) => current.get(document.path) !== document.contentHash);
  const total = changed.reduce((sum, { units }) => sum + units.length, 0);
  let done = 0;
  onProgress?.(0, total);
  for (const { document, units } of changed) {
    const vectors = await embedder.embed(units.map((unit) => embeddingText({ ...unit.unit, questionEn: unit.questionEn })));
    units.forEach((unit, index) => {
      unit.vector = vectors[index];
    });
    await store.replaceDocument(document, units);
    done += units.length;
    onProgress?.(done, total);
  }
  await store.setMeta('bank_hash', data.hash);
}
