// The people of a team server and their personal tokens. Only the PostgreSQL backend has users (one machine on
// SQLite is one person); tokens are random, shown once at creation, and kept only as SHA-256 hashes.

export type UserRole = 'admin' | 'member';

export interface UserInfo {
  /** Never reused: a removed user's practice, conversations and private knowledge bases stay unreachable. */
  id: number;
  name: string;
  role: UserRole;
  /** ISO-8601 creation time. */
  createdAt: string;
}

export interface UserDirectory {
  /** Creates the user and returns its personal token (the only time it is readable). AppError `conflict` if taken. */
  add(name: string, role: UserRole): Promise<UserInfo & { token: string }>;
  /** Every user, ordered by name. */
  list(): Promise<UserInfo[]>;
  /** Deletes the user; AppError `not_found` when there is none. */
  remove(name: string): Promise<void>;
  /** The user a personal token belongs to, undefined for an unknown token. */
  verify(token: string): Promise<UserInfo | undefined>;
  close(): Promise<void>;
}
