// Progress in words and pictures: the terminal view (mastery bars, forecast and history sparklines) and a
// self-contained HTML report with inline SVG charts (no scripts, fonts or other external resources). Pure.
import { escapeHtml } from './html-escape.js';
import type { ProgressStats } from './progress-stats.js';
import { bar, sparkline } from './terminal-charts.js';

export function statsText(stats: ProgressStats, language: 'zh' | 'en'): string {
  const lines: string[] = [];
  const { totals, streak } = stats;
  lines.push(
    `${totals.cards}/${totals.questions} questions practised · ${plural(totals.reviews, 'review')} · ${totals.due} due now · mastery ${percent(totals.mastery)}`,
    `streak: ${plural(streak.current, 'day')}${streak.reviewedToday ? '' : ' (no review yet today)'} · longest ${streak.longest}`,
    '',
    'mastery by topic (recall now x quality of the last 3 reviews, 0 after a failed one; mean score of the last 5 reviews; practised/questions)',
  );
  const practised = stats.topics.filter((topic) => topic.cards > 0);
  const width = Math.min(36, Math.max(8, ...practised.map((topic) => displayWidth(topic.name[language]))));
  for (const topic of practised) {
    const name = padDisplay(topic.name[language], width);
    lines.push(
      `  ${name} ${bar(topic.mastery ?? 0, 1)} ${percent(topic.mastery).padStart(4)}  ${topic.recentScore?.toFixed(1) ?? '-'}/5  ${topic.cards}/${topic.questions}`,
    );
  }
  if (practised.length === 0) lines.push('  (nothing practised yet: start with mianba drill)');
  const untouched = stats.topics.filter((topic) => topic.cards === 0 && topic.questions > 0).length;
  if (untouched > 0) lines.push(`  + ${untouched} topic${untouched === 1 ? '' : 's'} not practised yet`);
  const forecast = stats.forecast.map((day) => day.due);
  const history = stats.reviewsPerDay.map((day) => day.reviews);
  lines.push(
    '',
    `${'due, next 14 days'.padEnd(22)}|${sparkline(forecast)}|  today ${forecast[0] ?? 0}, total ${sum(forecast)}`,
    `${'reviews, last 30 days'.padEnd(22)}|${sparkline(history)}|  total ${sum(history)}`,
  );
  return `${lines.join('\n')}\n`;
}

export function statsHtml(stats: ProgressStats, language: 'zh' | 'en'): string {
  const practised = stats.topics.filter((topic) => topic.cards > 0);
  const masteryChart = horizontalBars(
    practised.map((topic) => ({
      label: topic.name[language],
      value: topic.mastery ?? 0,
      text: `${percent(topic.mastery)} · ${topic.recentScore?.toFixed(1) ?? '-'}/5`,
    })),
  );
  const forecastChart = columns(stats.forecast.map((day) => ({ label: day.date.slice(5), value: day.due })));
  const historyChart = columns(stats.reviewsPerDay.map((day) => ({ label: day.date.slice(5), value: day.reviews })));
  const { totals, streak } = stats;
  return `<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mianba progress</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 880px; margin: 2em auto; padding: 0 1em; color: #1d2330; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
.totals span { display: inline-block; margin-right: 1.5em; }
svg text { font: 11px system-ui, sans-serif; fill: #1d2330; }
</style>
</head>
<body>
<h1>mianba · progress</h1>
<p class="totals"><span>${totals.cards}/${totals.questions} questions practised</span><span>${totals.reviews} reviews</span><span>${totals.due} due now</span><span>mastery ${percent(totals.mastery)}</span><span>streak ${streak.current} (longest ${streak.longest})</span></p>
<h2>Mastery by topic</h2>
${practised.length > 0 ? masteryChart : '<p>Nothing practised yet.</p>'}
<h2>Due in the next 14 days</h2>
${forecastChart}
<h2>Reviews per day, last 30 days</h2>
${historyChart}
<p><small>Generated ${escapeHtml(stats.generatedAt)}</small></p>
</body>
</html>
`;
}

function horizontalBars(rows: { label: string; value: number; text: string }[]): string {
  const rowHeight = 22;
  const labelWidth = 260;
  const barWidth = 440;
  const height = rows.length * rowHeight + 4;
  const bars = rows
    .map((row, index) => {
      const y = index * rowHeight + 2;
      const width = Math.round(Math.max(0, Math.min(1, row.value)) * barWidth);
      return `<text x="0" y="${y + 15}">${escapeHtml(truncate(row.label, 34))}</text><rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="14" fill="#eef1f6"/><rect x="${labelWidth}" y="${y + 3}" width="${width}" height="14" fill="#3b82f6"/><text x="${labelWidth + barWidth + 8}" y="${y + 15}">${escapeHtml(row.text)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="840" height="${height}" role="img" aria-label="mastery by topic">${bars}</svg>`;
}

function columns(points: { label: string; value: number }[]): string {
  const chartHeight = 120;
  const step = Math.floor(820 / Math.max(1, points.length));
  const max = Math.max(1, ...points.map((point) => point.value));
  const body = points
    .map((point, index) => {
      const height = Math.round((point.value / max) * chartHeight);
      const x = index * step + 10;
      const label = index % Math.ceil(points.length / 10) === 0 ? `<text x="${x}" y="${chartHeight + 30}">${escapeHtml(point.label)}</text>` : '';
      const count = point.value > 0 ? `<text x="${x}" y="${chartHeight - height + 8}">${point.value}</text>` : '';
      return `<rect x="${x}" y="${chartHeight - height + 12}" width="${Math.max(2, step - 4)}" height="${height}" fill="#10b981"><title>${escapeHtml(point.label)}: ${point.value}</title></rect>${count}${label}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="840" height="${chartHeight + 40}" role="img">${body}</svg>`;
}

function percent(value: number | null): string {
  return value === null ? '-' : `${Math.round(value * 100)}%`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Terminal cells of a string: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char) ? 2 : 1;
  return width;
}

function padDisplay(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    const cells = displayWidth(char);
    if (used + cells > width) break;
    out += char;
    used += cells;
  }
  return out + ' '.repeat(Math.max(0, width - used));
}
