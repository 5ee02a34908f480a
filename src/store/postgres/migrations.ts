// Versioned schema of the PostgreSQL store: all knowledge bases of a team server in one database. Each migration runs
// once, in order, in one transaction under an advisory lock (see migrate.ts). Never edit a published one: add one.

export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE kbs (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- BM25 statistics kept in step with the units inside each write transaction (FTS5 keeps the same two numbers).
    unit_count BIGINT NOT NULL DEFAULT 0,
    token_total BIGINT NOT NULL DEFAULT 0,
    -- Bumped by every write: servers cache a knowledge base's vectors until its revision moves.
    revision BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE kb_meta (
    kb_id BIGINT NOT NULL REFERENCES kbs(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kb_id, key)
  );
  CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    kb_id BIGINT NOT NULL REFERENCES kbs(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    title TEXT,
    ingested_at TIMESTAMPTZ NOT NULL,
    UNIQUE (kb_id, path)
  );
  CREATE TABLE units (
    id BIGSERIAL PRIMARY KEY,
    kb_id BIGINT NOT NULL REFERENCES kbs(id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('qa', 'prose')),
    question TEXT,
    question_en TEXT,
    text TEXT NOT NULL,
    text_en TEXT,
    topic TEXT[] NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    question_key TEXT,
    question_id TEXT,
    extra JSONB,
    token_set TEXT NOT NULL DEFAULT '',
    token_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX units_document ON units (document_id);
  CREATE INDEX units_kb_question_key ON units (kb_id, question_key);
  CREATE INDEX units_kb_question_id ON units (kb_id, question_id);
  -- The lexical index: one row per (term, unit) with the term's count in each field and the unit's length, so BM25
  -- is computed in SQL from an index-only scan (lexical-search.ts). Terms are our own pre-segmented tokens.
  CREATE TABLE postings (
    kb_id BIGINT NOT NULL,
    term TEXT NOT NULL,
    -- No foreign key: a per-row FK check costs more than the insert itself (~100 postings per unit); write-document.ts
    -- and the catalog delete postings explicitly with their units.
    unit_id BIGINT NOT NULL,
    tf_question SMALLINT NOT NULL,
    tf_text SMALLINT NOT NULL,
    tf_topic SMALLINT NOT NULL,
    unit_length INTEGER NOT NULL,
    PRIMARY KEY (kb_id, term, unit_id) INCLUDE (tf_question, tf_text, tf_topic, unit_length)
  );
  CREATE INDEX postings_unit ON postings (unit_id);
  CREATE TABLE unit_vectors (
    unit_id BIGINT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    kb_id BIGINT NOT NULL,
    vector BYTEA NOT NULL
  );
  CREATE INDEX unit_vectors_kb ON unit_vectors (kb_id, unit_id);
  CREATE TABLE ingest_errors (
    kb_id BIGINT NOT NULL REFERENCES kbs(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kb_id, path)
  );
  `,
  // 2: people of a team server. Only a SHA-256 of each personal token is kept; the token is shown once.
  `
  CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  `,
  // 3: when a path was last indexed, beside ingested_at (now the first import, kept across replacements).
  `
  ALTER TABLE documents ADD COLUMN indexed_at TIMESTAMPTZ;
  `,
  // 4: a team server's people. Knowledge bases get an owner (NULL: created without a user, e.g. by the CLI) and a
  // visibility (shared: readable by everyone; private: by its owner only). Practice and conversations move into the
  // database, keyed by owner_id (0: no personal token, i.e. the CLI or a server without users), so that every
  // server sees one history per person. Times stay ISO-8601 TEXT, as in practice.db, so ordering is identical.
  `
  ALTER TABLE kbs ADD COLUMN owner_id BIGINT REFERENCES users(id) ON DELETE SET NULL;
  ALTER TABLE kbs ADD COLUMN visibility TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('shared', 'private'));
  CREATE TABLE practice_cards (
    owner_id BIGINT NOT NULL,
    question_id TEXT NOT NULL,
    kb TEXT NOT NULL,
    topic TEXT NOT NULL,
    topic_path TEXT NOT NULL,
    due TEXT NOT NULL,
    stability DOUBLE PRECISION NOT NULL,
    difficulty DOUBLE PRECISION NOT NULL,
    elapsed_days DOUBLE PRECISION NOT NULL,
    scheduled_days DOUBLE PRECISION NOT NULL,
    learning_steps INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('new', 'learning', 'review', 'relearning')),
    last_review TEXT,
    PRIMARY KEY (owner_id, question_id)
  );
  CREATE TABLE practice_reviews (
    seq BIGSERIAL,
    owner_id BIGINT NOT NULL,
    id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    session_id TEXT,
    kb TEXT NOT NULL,
    topic TEXT NOT NULL,
    topic_path TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
    implied_rating TEXT NOT NULL CHECK (implied_rating IN ('again', 'hard', 'good', 'easy')),
    score DOUBLE PRECISION NOT NULL,
    rouge_l DOUBLE PRECISION NOT NULL,
    covered INTEGER NOT NULL,
    total INTEGER NOT NULL,
    hinted INTEGER NOT NULL,
    duration_ms INTEGER,
    answer TEXT,
    state_before TEXT NOT NULL,
    due_after TEXT NOT NULL,
    stability_after DOUBLE PRECISION NOT NULL,
    difficulty_after DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (owner_id, id)
  );
  CREATE INDEX practice_reviews_question ON practice_reviews (owner_id, question_id, reviewed_at);
  CREATE INDEX practice_reviews_time ON practice_reviews (owner_id, reviewed_at);
  CREATE TABLE practice_sessions (
    seq BIGSERIAL,
    owner_id BIGINT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('drill', 'mock')),
    created_at TEXT NOT NULL,
    finished_at TEXT,
    options JSONB NOT NULL,
    PRIMARY KEY (owner_id, id)
  );
  CREATE TABLE practice_session_items (
    owner_id BIGINT NOT NULL,
    session_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'answered', 'skipped')),
    PRIMARY KEY (owner_id, session_id, position),
    FOREIGN KEY (owner_id, session_id) REFERENCES practice_sessions (owner_id, id) ON DELETE CASCADE
  );
  CREATE TABLE threads (
    seq BIGSERIAL,
    owner_id BIGINT NOT NULL,
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX threads_owner ON threads (owner_id, updated_at);
  CREATE TABLE thread_turns (
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    turn TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (thread_id, ordinal)
  );
  `,
];
