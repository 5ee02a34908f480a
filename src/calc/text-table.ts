// Renders rows as an aligned plain-text table: first column left-aligned, the others right-aligned (numbers).

export function formatTable(header: string[], rows: string[][], indent = '  '): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ''))));
  const line = (row: string[]) =>
    indent +
    row
      .map((cell, column) => {
        const pad = ' '.repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(cell)));
        return column === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();
  return `${all.map(line).join('\n')}\n`;
}

/** Terminal columns of a string: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

/** Memory note printed above every memory table, so nobody has to guess which gigabyte. */
export const memoryUnitsNote = 'memory in GiB (2^30 bytes) and GB (10^9 bytes)';

/** A table of memory terms with GiB and GB columns. */
export function formatMemoryTable(rows: [label: string, bytes: number][]): string {
  return formatTable(
    ['term', 'GiB', 'GB'],
    rows.map(([label, bytes]) => [label, (bytes / 2 ** 30).toFixed(2), (bytes / 1e9).toFixed(2)]),
  );
}
