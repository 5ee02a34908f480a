// The one error type of mianba: every failure carries a code from the table below and a human message.
// Callers branch on `code`; the CLI and the server map codes to exit codes and HTTP statuses in one place each.

export const errorCodes = {
  usage: { exit: 2, status: 400, summary: 'bad command-line usage' },
  not_found: { exit: 1, status: 404, summary: 'not found' },
  invalid_input: { exit: 1, status: 400, summary: 'invalid input' },
  invalid_config: { exit: 1, status: 500, summary: 'invalid configuration' },
  unsupported_format: { exit: 1, status: 415, summary: 'unsupported file format' },
  file_too_large: { exit: 1, status: 413, summary: 'file too large' },
  decode_failed: { exit: 1, status: 422, summary: 'could not decode file' },
  parse_failed: { exit: 1, status: 422, summary: 'could not parse file' },
  empty_document: { exit: 1, status: 422, summary: 'document has no text' },
  binary_file: { exit: 1, status: 415, summary: 'binary file' },
  store_failed: { exit: 1, status: 500, summary: 'database error' },
  embedder_mismatch: { exit: 1, status: 409, summary: 'stored vectors come from another embedder' },
  model_unavailable: { exit: 1, status: 503, summary: 'model server unavailable' },
  model_error: { exit: 1, status: 502, summary: 'model server error' },
  model_auth: { exit: 1, status: 502, summary: 'model server rejected the API key' },
  model_not_found: { exit: 1, status: 502, summary: 'model not found on the server' },
  model_timeout: { exit: 1, status: 504, summary: 'model server timed out' },
  model_bad_response: { exit: 1, status: 502, summary: 'model server sent a response that is not a valid completion' },
  limit_exceeded: { exit: 1, status: 413, summary: 'over a size limit (decompressed size, units per file, files per upload)' },
  ingest_timeout: { exit: 1, status: 422, summary: 'file took longer than its time budget to ingest' },
  disk_full: { exit: 1, status: 507, summary: 'disk full' },
  aborted: { exit: 130, status: 499, summary: 'aborted' },
  conflict: { exit: 1, status: 409, summary: 'conflict' },
  unauthorized: { exit: 1, status: 401, summary: 'unauthorized' },
  forbidden: { exit: 1, status: 403, summary: 'forbidden' },
  payload_too_large: { exit: 1, status: 413, summary: 'request body too large' },
  internal: { exit: 1, status: 500, summary: 'internal error' },
} as const satisfies Record<string, { exit: number; status: number; summary: string }>;

export type ErrorCode = keyof typeof errorCodes;

export interface AppErrorOptions {
  cause?: unknown;
  /** HTTP status of an upstream (model server) response, when there was one. */
  status?: number;
  retryable?: boolean;
  /** Delay the upstream asked for (Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Exit code of the CLI for an error (2 for usage, 130 for Ctrl-C, 1 otherwise). */
export function exitCodeOf(error: unknown): number {
  return isAppError(error) ? errorCodes[error.code].exit : 1;
}

/** HTTP status the server answers with for an error. */
export function httpStatusOf(error: unknown): number {
  return isAppError(error) ? errorCodes[error.code].status : 500;
}
