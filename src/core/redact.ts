// The one secret redactor: every output (CLI stderr, HTTP and SSE bodies, MCP results, logs, model text) passes the
// exact configured keys and tokens through here, whatever their shape. Pure; callers supply the secrets.

/** Secrets shorter than this are not redacted: blanking "abc" everywhere would garble ordinary text. */
export const minSecretLength = 4;

export const redactedMark = '***';

/** Replaces every occurrence of every secret (and its URL-encoded form) with ***. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of usable(secrets)) {
    result = result.split(secret).join(redactedMark);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(redactedMark);
  }
  return result;
}

/**
 * Redaction for text that arrives in pieces (streamed tokens): holds back the tail that could be the start of a
 * secret split across pieces, so a key is never emitted half in one piece and half in the next.
 */
export function createStreamRedactor(secrets: readonly (string | undefined)[]): { push(piece: string): string; flush(): string } {
  const list = usable(secrets);
  const hold = Math.max(0, ...list.map((secret) => secret.length - 1));
  let pending = '';
  return {
    push(piece) {
      if (list.length === 0) return piece;
      pending = redactSecrets(pending + piece, list);
      const cut = Math.max(0, pending.length - hold);
      const out = pending.slice(0, cut);
      pending = pending.slice(cut);
      return out;
    },
    flush() {
      const out = redactSecrets(pending, list);
      pending = '';
      return out;
    },
  };
}

function usable(secrets: readonly (string | undefined)[]): string[] {
  const list = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= minSecretLength);
  // Longest first, so a key that contains another secret is blanked whole.
  return [...new Set(list)].sort((a, b) => b.length - a.length);
}
