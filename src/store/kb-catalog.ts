// The KbCatalog: which knowledge bases exist and how to open one. The App asks only this; whether a knowledge base
// is a SQLite file or rows in PostgreSQL is the implementation's business (nothing else lists folders or files).
import type { Store } from './store.js';

/** shared: readable by everyone on the server; private: by its owner only. */
export type KbVisibility = 'shared' | 'private';

/** Who a knowledge base belongs to. On SQLite (one machine, one person) every knowledge base is shared, unowned. */
export interface KbOwnership {
  name: string;
  /** The owning user's id; undefined when created without a user (the CLI) or when the owner was removed. */
  ownerId: number | undefined;
  visibility: KbVisibility;
}

export interface KbCatalog {
  /** Names of every knowledge base, the built-in one included when it was created, sorted. */
  list(): Promise<string[]>;
  exists(name: string): Promise<boolean>;
  /**
   * The store of an existing knowledge base; AppError `not_found` when there is none, `usage` for an invalid name.
   * Opening the same name twice returns the same (shared) store until remove or close.
   */
  open(name: string): Promise<Store>;
  /** Owner and visibility of every knowledge base, sorted by name. */
  ownership(): Promise<KbOwnership[]>;
  /**
   * Creates the knowledge base when missing (idempotent, safe under concurrent callers) and returns its store.
   * `owner` applies only when this call creates it (default: shared, unowned); SQLite keeps no owners.
   */
  create(name: string, owner?: { ownerId: number; visibility: KbVisibility }): Promise<Store>;
  /** Deletes the knowledge base and all its data; closes its open store. AppError `not_found` when there is none. */
  remove(name: string): Promise<void>;
  /** Closes every store this catalog opened. */
  close(): Promise<void>;
}
