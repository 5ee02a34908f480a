// The one error mapping of the HTTP server: any thrown value becomes `{ error: { code, message } }` with the status
// from httpStatusOf. Never a stack trace, never an unexpected error's message, never a configured secret.
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { type ErrorCode, errorCodes, httpStatusOf, isAppError } from '../core/errors.js';
import { redactSecrets } from '../core/redact.js';

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

/** Maps an error to its status and body; `secrets` (API keys, the server token) are blanked out of messages. */
export function errorResponse(error: unknown, secrets: readonly string[] = []): ErrorResponse {
  if (isAppError(error)) return { status: httpStatusOf(error), body: body(error.code, redactSecrets(error.message, secrets)) };
  if (error instanceof HTTPException) {
    const code = codeForStatus(error.status);
    return { status: error.status, body: body(code, errorCodes[code].summary) };
  }
  return { status: 500, body: body('internal', 'internal error (see the server log)') };
}

function body(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

function codeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = { 400: 'invalid_input', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 413: 'payload_too_large' };
  return byStatus[status] ?? 'internal';
}
