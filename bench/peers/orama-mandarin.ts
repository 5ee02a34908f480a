// Peer: Orama full-text search (BM25) with the @orama/tokenizers mandarin tokenizer (Intl.Segmenter words), the
// same field weights as mianba; Orama's default threshold returns documents matching any query term.
import { type AnyOrama, create, insertMultiple, search } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/mandarin';
import type { CorpusUnit, Peer } from './peer.js';

export function createOramaPeer(): Peer {
  let database: AnyOrama | undefined;
  return {
    name: 'orama+mandarin',
    description: 'Orama 3 full-text (BM25), @orama/tokenizers mandarin tokenizer, boost question 4 / topic 1.5',
    async build(units: CorpusUnit[]) {
      const created = create({
        schema: { question: 'string', text: 'string', topic: 'string' } as const,
        components: { tokenizer: createTokenizer() },
      });
      await insertMultiple(
        created,
        units.map((unit) => ({ id: String(unit.id), question: unit.question ?? '', text: unit.text, topic: unit.topic.join(' ') })),
        1000,
      );
      database = created;
    },
    async search(query: string, limit: number) {
      if (!database) throw new Error('orama index not built');
      const results = await search(database, { term: query, properties: ['question', 'text', 'topic'], boost: { question: 4, topic: 1.5 }, limit });
      return results.hits.map((hit) => Number(hit.id));
    },
  };
}
