// Text charts for the terminal: horizontal bars and sparklines (▁▂▃▄▅▆▇█). Pure.

const sparks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A bar of `width` cells filled in proportion to value/max (eighths of a cell). */
export function bar(value: number, max: number, width = 20): string {
  if (max <= 0 || value <= 0) return ' '.repeat(width);
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const partials = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  return `${'█'.repeat(full)}${partials[partial] ?? ''}`.padEnd(width, ' ');
}

/** One character per value, scaled to the largest; zero is a space so quiet days stand out. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((value) => (value <= 0 || max === 0 ? ' ' : (sparks[Math.min(7, Math.ceil((value / max) * 8) - 1)] ?? '█'))).join('');
}
