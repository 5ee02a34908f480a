// Inline citations [n]: parsed from model output and verified against the passages actually given. Unknown numbers
// are removed from the text and reported. Pure.

export interface VerifiedCitations {
  text: string;
  used: number[];
  unknown: number[];
}

const citationPattern = /\[(\d{1,3})(?:\s*[,，、]\s*(\d{1,3}))*\]/g;

export function parseCitations(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(citationPattern)) {
    for (const part of match[0].slice(1, -1).split(/[,，、]/)) {
      const n = Number(part.trim());
      if (!numbers.includes(n)) numbers.push(n);
    }
  }
  return numbers;
}

export function verifyCitations(text: string, passageCount: number): VerifiedCitations {
  const used: number[] = [];
  const unknown: number[] = [];
  const cleaned = text.replace(citationPattern, (match) => {
    const numbers = match
      .slice(1, -1)
      .split(/[,，、]/)
      .map((part) => Number(part.trim()));
    const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= passageCount);
    for (const n of numbers) if (!valid.includes(n) && !unknown.includes(n)) unknown.push(n);
    for (const n of valid) if (!used.includes(n)) used.push(n);
    return valid.map((n) => `[${n}]`).join('');
  });
  return { text: cleaned.replace(/[ \t]+([。.,，])/g, '$1'), used, unknown };
}

/**
 * A source path as answers may print it, without the server's folders: uploads ("…/uploads/<kb>/notes/a.md") relative
 * to their knowledge base ("notes/a.md"), other absolute paths as their last two parts ("…/notes/a.md"), relative
 * paths (bank files, files ingested from a working directory) as stored. Pure: the server's own mapping (apiPath)
 * knows $MIANBA_HOME and agrees with this for uploads.
 */
export function kbRelativePath(kb: string, path: string): string {
  const normalized = path.replace(/\\/g, '/');
  const marker = `/uploads/${kb}/`;
  const at = normalized.lastIndexOf(marker);
  if (at >= 0) return normalized.slice(at + marker.length);
  if (!/^(\/|[A-Za-z]:\/)/.test(normalized)) return normalized;
  return `…/${normalized.split('/').filter(Boolean).slice(-2).join('/')}`;
}
