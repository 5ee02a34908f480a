import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packedLexiconLookup, packLexicon } from './compact-lexicon.js';
import { parseLexicon } from './lexicon.js';

describe('the packed lexicon', () => {
  it('finds every word of the lexicon it was packed from, and nothing else', () => {
    const lexicon = parseLexicon('initialised\t初始化:0.54 初始:0.30\nforget\t遗忘:0.81\nunlimited\t无限:0.50\n');
    const lookup = packedLexiconLookup(packLexicon(lexicon));
    expect(lookup.get('initialised')).toEqual(['初始化', '初始']);
    expect(lookup.get('forget')).toEqual(['遗忘']);
    expect(lookup.get('unlimited')).toEqual(['无限']);
    expect(lookup.get('forgetful')).toBeUndefined();
    expect(lookup.get('a')).toBeUndefined();
    expect(lookup.get('zzz')).toBeUndefined();
    expect(packedLexiconLookup('').get('forget')).toBeUndefined();
    expect(packedLexiconLookup(new Uint8Array()).get('forget')).toBeUndefined();
    const fromBytes = packedLexiconLookup(Buffer.from(packLexicon(lexicon)));
    expect(fromBytes.get('initialised')).toEqual(['初始化', '初始']);
    expect(fromBytes.get('forgetful')).toBeUndefined();
  });

  it('answers exactly as the Map does, for words present and absent', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        fc.dictionary(word, fc.array(fc.constantFrom('模型', '缓存', '推理', '注意力'), { minLength: 1, maxLength: 3 })),
        fc.array(word),
        (entries, probes) => {
          const lexicon = new Map(Object.entries(entries));
          const lookup = packedLexiconLookup(packLexicon(lexicon));
          const fromBytes = packedLexiconLookup(Buffer.from(packLexicon(lexicon)));
          for (const probe of [...lexicon.keys(), ...probes]) {
            expect(lookup.get(probe)).toEqual(lexicon.get(probe));
            expect(fromBytes.get(probe)).toEqual(lexicon.get(probe));
          }
        },
      ),
    );
  });
});
