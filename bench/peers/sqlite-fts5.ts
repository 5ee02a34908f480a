// Peers: SQLite FTS5 on the raw text, once with its default unicode61 tokenizer (a run of Han characters is one
// token) and once with the trigram tokenizer (substring matching), ranked by bm25() with mianba's column weights.
import Database from 'better-sqlite3';
import type { CorpusUnit, Peer } from './peer.js';

export type Fts5Tokenizer = 'unicode61' | 'trigram';

export function createFts5Peer(tokenizer: Fts5Tokenizer): Peer {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE units USING fts5(question, text, topic${tokenizer === 'trigram' ? ", tokenize='trigram'" : ''})`);
  const select = db.prepare('SELECT rowid AS id FROM units WHERE units MATCH ? ORDER BY bm25(units, 4, 1, 1.5) LIMIT ?');
  return {
    name: `sqlite-fts5-${tokenizer}`,
    description:
      tokenizer === 'unicode61'
        ? 'SQLite FTS5, default unicode61 tokenizer on the raw text, OR of the query words, bm25 weights 4/1/1.5'
        : 'SQLite FTS5, trigram tokenizer on the raw text, OR of the query trigrams, bm25 weights 4/1/1.5',
    build(units: CorpusUnit[]) {
      const insert = db.prepare('INSERT INTO units (rowid, question, text, topic) VALUES (?, ?, ?, ?)');
      db.transaction(() => {
        for (const unit of units) insert.run(unit.id, unit.question ?? '', unit.text, unit.topic.join(' '));
      })();
    },
    search(query: string, limit: number) {
      const terms = tokenizer === 'unicode61' ? wordsOf(query) : trigramsOf(query);
      if (terms.length === 0) return [];
      const match = terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ');
      return (select.all(match, limit) as { id: number }[]).map((row) => row.id);
    },
    close() {
      db.close();
    },
  };
}

function wordsOf(query: string): string[] {
  return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}

function trigramsOf(query: string): string[] {
  const grams = new Set<string>();
  for (const word of wordsOf(query)) {
    const chars = [...word];
    for (let index = 0; index + 3 <= chars.length; index++) grams.add(chars.slice(index, index + 3).join(''));
  }
  return [...grams];
}
