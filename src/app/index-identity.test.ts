// The tokenizer id recorded with every index must not change when it is computed at build time instead of per call:
// a different id would re-index every user's knowledge bases on their next search.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBankIndex } from '../bank/bank-data.js';
import { domainTerms } from '../text/domain-terms.js';
import { createTextTools } from '../text/text-tools.js';
import { tokenizerFingerprint } from '../text/tokenizer-fingerprint.js';
import { tokenizerId } from './index-identity.js';

/** The id as it was computed before the fingerprint moved to build time: one hash update per domain term. */
function previousTokenizerId(entries: readonly unknown[]): string {
  const hash = createHash('sha1');
  for (const term of domainTerms) hash.update(`${term}\n`);
  hash.update(JSON.stringify(entries));
  return `jieba-domain-v1-${hash.digest('hex').slice(0, 12)}`;
}

describe('tokenizerId', () => {
  const index = readBankIndex();

  it('is the same id as before, computed or prepared at build time', () => {
    const expected = previousTokenizerId(index.glossary);
    expect(tokenizerId(createTextTools(index.glossary, index.text))).toBe(expected);
    expect(tokenizerId(createTextTools(index.glossary, index.text), tokenizerFingerprint(index.glossary))).toBe(expected);
  });

  it('the compiled bank index carries the fingerprint of its own glossary (run npm run build first)', () => {
    expect(index.tokenizerFingerprint).toBe(tokenizerFingerprint(index.glossary));
  });

  it('changes with the glossary', () => {
    const edited = [...index.glossary.slice(1)];
    expect(tokenizerId(createTextTools(edited))).not.toBe(tokenizerId(createTextTools(index.glossary, index.text)));
  });
});
