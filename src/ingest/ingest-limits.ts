// Limits that keep one hostile file from taking the whole machine (issue 17: a 480 KB DOCX inflating to 200 MB and
// 204,008 units; a 3,000,000-character run). Each is a per-file `limit_exceeded` or `ingest_timeout`, never a freeze.

/** 64 MB of uncompressed DOCX parts: ~40x the largest real DOCX note we have seen (a 300-page book, ~1.5 MB of XML). */
export const maxDecompressedBytes = 64 * 2 ** 20;

/** 20,000 units per file: a 1,000-question interview collection gives ~1,200; far beyond is generated filler. */
export const maxUnitsPerFile = 20_000;

/** 500 files per upload request: a notes folder is tens to hundreds; 10,000 stalled the server for 7.8 s. */
export const maxFilesPerUpload = 500;

/**
 * 60 s per file, parse + index: a 50 MB Markdown file (the size limit) takes ~15 s on a laptop core; a file that
 * needs four times that is hostile or pathological, and the batch moves on.
 */
export const fileBudgetMs = 60_000;

/**
 * 20,000 characters per stored unit: the chunker aims at ~1,000; a longer unit is a run it could not cut (a
 * 3,000,000-character line took 11 s to embed in one piece, blocking the server), so it is stored in slices.
 */
export const maxUnitChars = 20_000;

/** Units embedded per call; between calls ingestion yields to the event loop so the server keeps answering. */
export const embedBatchSize = 16;

/**
 * Ingest batches (write-batch.ts): up to 64 files, 1 MB of source or 1 s of work share one transaction (one fsync).
 * Chosen on the 3 MB notes bench: per-file commits cost ~40% of the wall time on a busy disk, and 64 files of a few
 * KB already bring the commit share under 5%; the 1 s bound keeps progress moving and what a crash can lose small.
 */
export const batchMaxFiles = 64;
export const batchMaxBytes = 2 ** 20;
export const batchMaxAgeMs = 1000;
/** A file of 256 KB or more is stored in a transaction of its own (its commit is already large). */
export const aloneFromBytes = 256 * 1024;

/**
 * Files read and handed to the parse workers ahead of the one being stored: enough that the workers never wait
 * while this thread commits a batch (a 1 MB batch takes ~0.5 s), bounded in memory (the bytes of the files ahead).
 */
export const aheadMaxFiles = 64;
export const aheadMaxBytes = 8 * 2 ** 20;

/**
 * One parse worker. Storing is about a third of the work (3 MB notes: store ~2 s against parse + tokens + embedding
 * ~3.5 s of CPU), so two workers beside the storing thread looked right for two cores, but on the shared 2-core
 * machine two were slower than one (3 MB: 11.1-13.4 s vs 9.6-10.4 s wall, alternating): each cold worker warms its
 * own caches and JIT, and the cores were already taken. The parser takes any number (createThreadParser).
 * Measured again after the int8 vectors and the faster worker (session 6, load 4-5, alternating): 3 MB 5.0-5.5 s
 * (two) vs 3.9-4.3 s (one); 15 MB 13.3-21.6 s vs 9.5-12.6 s.
 */
export const parseThreads = 1;
