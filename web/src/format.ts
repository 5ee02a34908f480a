// Number formatting for the calculators and the dashboard.
export function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

export function formatValue(value: number, unit: string): string {
  switch (unit) {
    case 'bytes':
      return `${gib(value)} (${(value / 1e9).toFixed(2)} GB)`;
    case 'params':
      return value >= 1e9 ? `${(value / 1e9).toFixed(2)} B` : `${(value / 1e6).toFixed(1)} M`;
    case 'FLOPs':
      return value.toExponential(2);
    case 'seconds':
      return duration(value);
    case 'tokens/s':
      return `${value.toFixed(1)} tokens/s`;
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * A source path as people should see it: relative to its knowledge base, never the server's file system
 * ("/home/u/.mianba/uploads/notes/x.md" -> "x.md"; "bank/chapters/04.yaml" stays).
 */
export function displayPath(path: string, kb?: string): string {
  const normalized = path.replace(/\\/g, '/');
  const uploads = kb ? normalized.lastIndexOf(`/uploads/${kb}/`) : -1;
  if (uploads >= 0 && kb) return normalized.slice(uploads + `/uploads/${kb}/`.length);
  const anyUploads = /\/uploads\/[^/]+\/(.+)$/.exec(normalized);
  if (anyUploads?.[1]) return anyUploads[1];
  if (/^(\/|[A-Za-z]:\/|~\/|\$)/.test(normalized)) return normalized.slice(normalized.lastIndexOf('/') + 1);
  return normalized;
}
