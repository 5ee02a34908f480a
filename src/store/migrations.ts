// Versioned schema of a knowledge-base file. Each migration runs once, in order, inside one transaction;
// PRAGMA user_version records how far a file has come. Never edit a published migration: add a new one.

export const migrations: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    title TEXT,
    ingested_at TEXT NOT NULL
  );
  CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('qa', 'prose')),
    question TEXT,
    question_en TEXT,
    text TEXT NOT NULL,
    text_en TEXT,
    topic TEXT NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    question_key TEXT,
    question_id TEXT,
    extra TEXT,
    token_set TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX units_document ON units(document_id);
  CREATE INDEX units_question_key ON units(question_key);
  CREATE INDEX units_question_id ON units(question_id);
  CREATE VIRTUAL TABLE units_fts USING fts5(
    question, text, topic,
    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
  );
  CREATE TABLE unit_vectors (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    vector BLOB NOT NULL
  );
  CREATE TABLE ingest_errors (
    path TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
  );
  `,
  // 2: document frequencies of index terms, for IDF-weighted evidence.
  `
  CREATE VIRTUAL TABLE units_fts_vocab USING fts5vocab(units_fts, 'row');
  `,
  // 3: the topic path as a JSON array (a heading may itself contain " > "); older rows keep only the joined form.
  `
  ALTER TABLE units ADD COLUMN topic_json TEXT;
  `,
  // 4: when a path was last indexed, beside ingested_at (now the first import, kept across replacements).
  `
  ALTER TABLE documents ADD COLUMN indexed_at TEXT;
  `,
  // 5: topic_json for every row, so the store reads topics only as paths: rows written before 3 had the path only
  // joined by " > " in \`topic\` (split here once, as the store used to split it on every read). \`topic\` stays, unused.
  `
  WITH RECURSIVE parts(id, part, rest, level) AS (
    SELECT id, '', topic || ' > ', 0 FROM units WHERE topic_json IS NULL
    UNION ALL
    SELECT id, substr(rest, 1, instr(rest, ' > ') - 1), substr(rest, instr(rest, ' > ') + 3), level + 1 FROM parts WHERE rest <> ''
  )
  UPDATE units SET topic_json = (
    SELECT json_group_array(part) FROM (SELECT part FROM parts WHERE parts.id = units.id AND level > 0 AND part <> '' ORDER BY level)
  ) WHERE topic_json IS NULL;
  `,
];
