// Fingerprint of what segmentation depends on besides code: the domain dictionary and the glossary. Stored with every
// index (through the tokenizer id), and computed at build time into dist/bank-index.json so that a CLI call, which
// checks it on every knowledge base it opens, hashes nothing (and the bundled CLI never loads crypto for it).
import { createHash } from 'node:crypto';
import { domainTerms } from './domain-terms.js';
import type { GlossaryEntry } from './glossary.js';

/** 12 hex digits of SHA-1 over the domain terms (one per line) and the glossary entries as JSON. */
export function tokenizerFingerprint(glossary: readonly GlossaryEntry[]): string {
  return createHash('sha1')
    .update(`${domainTerms.join('\n')}\n`)
    .update(JSON.stringify(glossary))
    .digest('hex')
    .slice(0, 12);
}
