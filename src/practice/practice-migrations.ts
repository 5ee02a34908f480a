// Versioned schema of practice.db. Each migration runs once, in order, inside one transaction; PRAGMA user_version
// records how far a file has come. Never edit a published migration: add a new one.

export const practiceMigrations: readonly string[] = [
  `
  CREATE TABLE cards (
    question_id TEXT PRIMARY KEY,
    kb TEXT NOT NULL,
    topic TEXT NOT NULL,
    topic_path TEXT NOT NULL,
    due TEXT NOT NULL,
    stability REAL NOT NULL,
    difficulty REAL NOT NULL,
    elapsed_days REAL NOT NULL,
    scheduled_days REAL NOT NULL,
    learning_steps INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('new', 'learning', 'review', 'relearning')),
    last_review TEXT
  );
  CREATE INDEX cards_due ON cards (due);
  CREATE TABLE review_logs (
    id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL,
    session_id TEXT,
    kb TEXT NOT NULL,
    topic TEXT NOT NULL,
    topic_path TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
    implied_rating TEXT NOT NULL CHECK (implied_rating IN ('again', 'hard', 'good', 'easy')),
    score REAL NOT NULL,
    rouge_l REAL NOT NULL,
    covered INTEGER NOT NULL,
    total INTEGER NOT NULL,
    hinted INTEGER NOT NULL,
    duration_ms INTEGER,
    answer TEXT,
    state_before TEXT NOT NULL,
    due_after TEXT NOT NULL,
    stability_after REAL NOT NULL,
    difficulty_after REAL NOT NULL
  );
  CREATE INDEX review_logs_question ON review_logs (question_id, reviewed_at);
  CREATE INDEX review_logs_time ON review_logs (reviewed_at);
  -- Review logs are append-only: a row is never rewritten (reset deletes whole topics, after a backup).
  CREATE TRIGGER review_logs_append_only BEFORE UPDATE ON review_logs BEGIN SELECT RAISE(ABORT, 'review logs are append-only'); END;
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('drill', 'mock')),
    created_at TEXT NOT NULL,
    finished_at TEXT,
    options TEXT NOT NULL
  );
  CREATE TABLE session_items (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'answered', 'skipped')),
    PRIMARY KEY (session_id, position)
  );
  `,
];
