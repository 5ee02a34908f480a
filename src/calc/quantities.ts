// Parses and formats the quantities of the calculators: "32k" contexts, "2T" tokens, "7B" sizes, bytes as GiB.
// Parsers return undefined for text they do not understand; callers decide whether that is a usage error.

export const bytesPerGib = 2 ** 30;
export const bytesPerGb = 1e9;

/** Context lengths use binary k: "4k" = 4096, "32k" = 32768, "128K" = 131072; plain integers pass through. */
export function parseContextTokens(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kK]?)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] ? 1024 : 1);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

const decimalSuffixes: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/** Decimal counts for tokens and parameters: "2T" = 2e12, "300B" = 3e11, "6.74e9", "7b". */
export function parseCount(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmbgtKMBGT]?)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] ? (decimalSuffixes[match[2].toLowerCase()] ?? 1) : 1);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function bytesToGib(bytes: number): number {
  return bytes / bytesPerGib;
}

/** "12.55 GiB", "512.0 KiB", "3.2 MiB": binary units, for sizes that are naturally binary (per-token KV). */
export function formatBinaryBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : value >= 100 ? 1 : 2)} ${units[unit]}`;
}

/** "6.74B", "4.19M", "175B" for parameter and token counts. */
export function formatCount(count: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    // 3 significant digits below 10 (6.74B), 4 above (68.98B, 174.6B), so close sizes stay distinguishable.
    if (Math.abs(count) >= size) return `${trimNumber(count / size, Math.abs(count) / size < 10 ? 3 : 4)}${suffix}`;
  }
  return String(count);
}

/** Scientific notation for FLOPs: "8.09e22". */
export function formatScientific(value: number): string {
  return value.toExponential(2).replace('e+', 'e');
}

/** "4,194,304". */
export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Human duration from seconds: "4.2 days", "3.1 h", "12 min", "45 s". */
export function formatDuration(seconds: number): string {
  if (seconds >= 86400 * 2) return `${trimNumber(seconds / 86400, 3)} days`;
  if (seconds >= 3600) return `${trimNumber(seconds / 3600, 3)} h`;
  if (seconds >= 60) return `${trimNumber(seconds / 60, 3)} min`;
  return `${trimNumber(seconds, 3)} s`;
}

/** Up to `significant` significant digits without trailing zeros: 6.74, 13, 0.5. */
export function trimNumber(value: number, significant: number): string {
  return String(Number(value.toPrecision(significant)));
}
