// Peer: MiniSearch (in-memory BM25+) with @node-rs/jieba search-mode segmentation for index and query, the same
// field weights as mianba (question 4, text 1, topic 1.5) and MiniSearch's usual fuzzy 0.2 (no-op on short CJK words).
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import MiniSearch from 'minisearch';
import type { CorpusUnit, Peer } from './peer.js';

interface IndexedDocument {
  id: number;
  question: string;
  text: string;
  topic: string;
}

export function createMiniSearchPeer(): Peer {
  const jieba = Jieba.withDict(dict);
  const tokenize = (text: string) => jieba.cutForSearch(text, true).filter((token) => /[\p{L}\p{N}]/u.test(token));
  const index = new MiniSearch<IndexedDocument>({ fields: ['question', 'text', 'topic'], tokenize });
  return {
    name: 'minisearch+jieba',
    description: 'MiniSearch 7 (BM25+), @node-rs/jieba cutForSearch tokenizer, boost question 4 / topic 1.5, fuzzy 0.2',
    build(units: CorpusUnit[]) {
      index.addAll(units.map((unit) => ({ id: unit.id, question: unit.question ?? '', text: unit.text, topic: unit.topic.join(' ') })));
    },
    search(query: string, limit: number) {
      return index
        .search(query, { boost: { question: 4, topic: 1.5 }, fuzzy: 0.2 })
        .slice(0, limit)
        .map((result) => result.id as number);
    },
  };
}
