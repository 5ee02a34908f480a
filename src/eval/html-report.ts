// Self-contained HTML report of an eval run: tables plus inline-SVG bar charts (per-kind Hit@5 per configuration,
// distribution of the first relevant rank). No external resources; every label is escaped.
import type { ConfigReport } from './run-retrieval-eval.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

export function barChart(title: string, bars: { label: string; value: number }[], max = 1): string {
  const width = 560;
  const rowHeight = 22;
  const labelWidth = 200;
  const height = bars.length * rowHeight + 30;
  const rows = bars
    .map((bar, index) => {
      const y = 24 + index * rowHeight;
      const length = max > 0 ? ((width - labelWidth - 60) * Math.max(0, bar.value)) / max : 0;
      return `<text x="0" y="${y + 14}" font-size="12">${escapeHtml(bar.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="14" fill="#4f7cff"/><text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 14}" font-size="12">${bar.value.toFixed(3)}</text>`;
    })
    .join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}"><text x="0" y="14" font-size="13" font-weight="bold">${escapeHtml(title)}</text>${rows}</svg></figure>`;
}

export function retrievalReportHtml(reports: ConfigReport[], setName: string): string {
  const header =
    '<tr><th>config</th><th>Hit@1</th><th>Hit@3</th><th>Hit@5</th><th>Hit@10</th><th>Recall@10</th><th>MRR@10</th><th>NDCG@10</th><th>p50 ms</th><th>p95 ms</th><th>refusal P/R</th></tr>';
  const rows = reports
    .map(
      (report) =>
        `<tr><td>${escapeHtml(report.config)}</td>${[
          report.overall.hit1,
          report.overall.hit3,
          report.overall.hit5,
          report.overall.hit10,
          report.overall.recall10,
          report.overall.mrr10,
          report.overall.ndcg10,
        ]
          .map((value) => `<td>${value.toFixed(3)}</td>`)
          .join(
            '',
          )}<td>${report.latencyMs.p50.toFixed(1)}</td><td>${report.latencyMs.p95.toFixed(1)}</td><td>${report.refusal.precision.toFixed(2)} / ${report.refusal.recall.toFixed(2)}</td></tr>`,
    )
    .join('');
  const charts = reports
    .map((report) => {
      const kinds = barChart(
        `${report.config}: Hit@5 by kind`,
        Object.entries(report.byKind).map(([kind, metrics]) => ({ label: `${kind} (${metrics.queries})`, value: metrics.hit5 })),
      );
      const ranks = new Map<string, number>();
      for (const outcome of report.outcomes.filter((entry) => entry.answerable)) {
        const key = outcome.firstRelevantRank === undefined ? 'miss' : `rank ${outcome.firstRelevantRank}`;
        ranks.set(key, (ranks.get(key) ?? 0) + 1);
      }
      const ordered = [...ranks.entries()].sort((a, b) => (a[0] === 'miss' ? 1 : b[0] === 'miss' ? -1 : Number(a[0].slice(5)) - Number(b[0].slice(5))));
      const rankChart = barChart(
        `${report.config}: first relevant rank`,
        ordered.map(([label, value]) => ({ label, value })),
        Math.max(1, ...ordered.map(([, value]) => value)),
      );
      return kinds + rankChart;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mianba eval: ${escapeHtml(setName)}</title><style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:960px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child{text-align:left}</style></head><body><h1>Retrieval eval: ${escapeHtml(setName)}</h1><table>${header}${rows}</table>${charts}</body></html>\n`;
}
