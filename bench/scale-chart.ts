// The scale curve as a dependency-free SVG (log-log: chunks vs query latency) and as an ASCII bar chart for the
// Markdown summary. Pure: series in, text out.

export interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: { x: number; y: number }[];
}

const width = 720;
const height = 420;
const margin = { left: 70, right: 200, top: 40, bottom: 50 };

export function renderScaleSvg(title: string, series: Series[]): string {
  const points = series.flatMap((entry) => entry.points).filter((point) => point.x > 0 && point.y > 0);
  if (points.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><text x="10" y="30">no scale data</text></svg>\n`;
  const [xMin, xMax] = decadeRange(points.map((point) => point.x));
  const [yMin, yMax] = decadeRange(points.map((point) => point.y));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + ((Math.log10(x) - xMin) / Math.max(1, xMax - xMin)) * plotWidth;
  const sy = (y: number) => margin.top + plotHeight - ((Math.log10(y) - yMin) / Math.max(1, yMax - yMin)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (let decade = xMin; decade <= xMax; decade++) {
    const x = sx(10 ** decade);
    parts.push(`<line x1="${x}" y1="${margin.top}" x2="${x}" y2="${margin.top + plotHeight}" stroke="#ddd"/>`);
    parts.push(`<text x="${x}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${formatCount(10 ** decade)}</text>`);
  }
  for (let decade = yMin; decade <= yMax; decade++) {
    const y = sy(10 ** decade);
    parts.push(`<line x1="${margin.left}" y1="${y}" x2="${margin.left + plotWidth}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${y + 4}" text-anchor="end">${formatMs(10 ** decade)}</text>`);
  }
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${height - 12}" text-anchor="middle">chunks in the knowledge base (log)</text>`);
  parts.push(`<text transform="translate(16 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">query latency p50 (log)</text>`);
  series.forEach((entry, index) => {
    const visible = entry.points.filter((point) => point.x > 0 && point.y > 0);
    const path = visible.map((point, at) => `${at === 0 ? 'M' : 'L'}${sx(point.x).toFixed(1)},${sy(point.y).toFixed(1)}`).join(' ');
    const dash = entry.dashed ? ' stroke-dasharray="6 4"' : '';
    if (visible.length > 1) parts.push(`<path d="${path}" fill="none" stroke="${entry.color}" stroke-width="2"${dash}/>`);
    for (const point of visible) parts.push(`<circle cx="${sx(point.x).toFixed(1)}" cy="${sy(point.y).toFixed(1)}" r="3.5" fill="${entry.color}"/>`);
    const legendY = margin.top + 10 + index * 20;
    const legendX = margin.left + plotWidth + 16;
    parts.push(`<line x1="${legendX}" y1="${legendY}" x2="${legendX + 24}" y2="${legendY}" stroke="${entry.color}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${legendX + 30}" y="${legendY + 4}">${escapeXml(entry.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** One bar per (series, size) on a log scale from 0.1 ms; 40 characters = the largest value. */
export function renderAsciiChart(series: Series[]): string {
  const values = series.flatMap((entry) => entry.points.map((point) => point.y)).filter((value) => value > 0);
  if (values.length === 0) return '(no scale data)';
  const top = Math.log10(Math.max(...values) * 1.05);
  const bottom = Math.log10(0.1);
  const lines: string[] = [];
  for (const entry of series) {
    for (const point of entry.points) {
      const filled = Math.max(1, Math.round(((Math.log10(Math.max(point.y, 0.1)) - bottom) / (top - bottom)) * 40));
      lines.push(`${entry.label.padEnd(26)} ${formatCount(point.x).padStart(5)} |${'#'.repeat(filled).padEnd(40)}| ${formatMs(point.y)}`);
    }
  }
  return lines.join('\n');
}

export function formatCount(value: number): string {
  if (value >= 1e6) return `${Number((value / 1e6).toFixed(1))}M`;
  if (value >= 1e3) return `${Number((value / 1e3).toFixed(1))}k`;
  return String(value);
}

export function formatMs(value: number): string {
  if (value >= 1000) return `${Number((value / 1000).toFixed(2))} s`;
  if (value >= 10) return `${Math.round(value)} ms`;
  return `${Number(value.toFixed(2))} ms`;
}

function decadeRange(values: number[]): [number, number] {
  const low = Math.floor(Math.log10(Math.min(...values)));
  const high = Math.ceil(Math.log10(Math.max(...values)));
  return [low, high === low ? low + 1 : high];
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
