// The report of a mock interview: per question the score, the user's answer, the reference, missed points, wrong
// claims and time taken, the mean, the weakest
// topics and what to review next; as terminal text, Markdown, or self-contained escaped HTML. Pure.
import { textOf } from '../bank/question-item.js';
import { escapeHtml } from './html-escape.js';
import type { MockEntry, MockResult } from './mock-loop.js';
import { clock } from './mock-loop.js';
import { topicNameOf } from './topics.js';

export interface MockReport {
  startedAt: string;
  minutes: number;
  meanScore: number | null;
  timedOut: boolean;
  unasked: number;
  rows: {
    kind: MockEntry['kind'];
    /** "1", "2"... for main questions, "↳" for follow-ups. */
    label: string;
    id: string;
    topic: string;
    question: string;
    score: number | null;
    rating: string | null;
    missed: string[];
    time: string;
    skipped: boolean;
    /** What the user answered (null when skipped). */
    answer: string | null;
    /** The reference answer in the report's language. */
    reference: string;
    /** Wrong claims the answer made, with their corrections. */
    misconceptions: { claim: string; correction: string }[];
  }[];
  weakTopics: { topic: string; meanScore: number }[];
  reviewNext: { id: string; question: string; missed: string[] }[];
}

export function buildMockReport(result: MockResult, language: 'zh' | 'en'): MockReport {
  let asked = 0;
  const rows = result.entries.map((entry) => ({
    kind: entry.kind,
    label: entry.kind === 'main' ? String(++asked) : '↳',
    id: entry.item.id,
    topic: topicNameOf(entry.item)[language],
    question: entry.question,
    score: entry.grade?.score ?? (entry.skipped ? 0 : null),
    rating: entry.grade?.rating ?? null,
    missed: entry.grade?.missed ?? [],
    time: clock(entry.durationMs),
    skipped: entry.skipped,
    answer: entry.answer ?? null,
    reference: entry.grade?.reference.text ?? textOf(entry.item.answer, language),
    misconceptions: (entry.grade?.misconceptions ?? []).map((claim) => ({ claim: claim.claim, correction: claim.correction })),
  }));
  const scored = rows.filter((row) => row.score !== null) as (MockReport['rows'][number] & { score: number })[];
  const topics = new Map<string, number[]>();
  for (const row of scored) topics.set(row.topic, [...(topics.get(row.topic) ?? []), row.score]);
  const weakTopics = [...topics.entries()]
    .map(([topic, scores]) => ({ topic, meanScore: round(scores.reduce((sum, score) => sum + score, 0) / scores.length) }))
    .sort((a, b) => a.meanScore - b.meanScore);
  const reviewNext = scored
    .filter((row) => row.score < 3 && row.kind === 'main')
    .sort((a, b) => a.score - b.score)
    .map((row) => ({ id: row.id, question: row.question, missed: row.missed }));
  return {
    startedAt: result.startedAt,
    minutes: result.minutes,
    meanScore: scored.length > 0 ? round(scored.reduce((sum, row) => sum + row.score, 0) / scored.length) : null,
    timedOut: result.timedOut,
    unasked: result.unasked,
    rows,
    weakTopics,
    reviewNext,
  };
}

export function mockReportText(report: MockReport): string {
  const lines = [`mock interview · ${report.rows.length} questions · mean ${report.meanScore?.toFixed(1) ?? '-'}/5${report.timedOut ? ' · time ran out' : ''}`];
  for (const row of report.rows) {
    const score = row.skipped ? 'skipped' : `${row.score?.toFixed(1) ?? '-'}/5`;
    lines.push(
      `  ${row.kind === 'follow-up' ? '  ↳ ' : ''}${row.id}  ${score}  ${row.time}${row.missed.length > 0 ? `  missed: ${row.missed.join('; ')}` : ''}`,
    );
    for (const claim of row.misconceptions) lines.push(`      ! ${claim.claim} → ${claim.correction}`);
  }
  if (report.reviewNext.length > 0) lines.push('review next:', ...report.reviewNext.map((item) => `  mianba show ${item.id}`));
  return `${lines.join('\n')}\n`;
}

export function mockReportMarkdown(report: MockReport): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Mock interview report',
    '',
    `Started ${report.startedAt} · ${report.minutes} min · mean score ${report.meanScore?.toFixed(1) ?? '-'}/5${report.timedOut ? ' · time ran out' : ''}${report.unasked > 0 ? ` · ${report.unasked} not asked` : ''}`,
    '',
    '| # | question | topic | score | time | missed points |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.rows.map(
      (row) =>
        `| ${row.label} | ${cell(row.question)} (\`${row.id}\`) | ${cell(row.topic)} | ${row.skipped ? 'skipped' : `${row.score?.toFixed(1) ?? '-'}/5`} | ${row.time} | ${cell(row.missed.join('; ')) || '—'} |`,
    ),
    '',
    '## Answers',
    '',
    ...report.rows.flatMap((row) => [
      `### ${row.label}. ${row.question} (\`${row.id}\`)`,
      '',
      `**Your answer:** ${row.answer ?? '(skipped)'}`,
      '',
      ...row.misconceptions.map((claim) => `- Wrong claim: ${claim.claim} — ${claim.correction}`),
      ...(row.missed.length > 0 ? [`- Missed: ${row.missed.join('; ')}`] : []),
      '',
      `**Reference:** ${row.reference.trim()}`,
      '',
    ]),
    '## Weakest topics',
    '',
    ...(report.weakTopics.length > 0 ? report.weakTopics.map((topic) => `- ${topic.topic}: ${topic.meanScore.toFixed(1)}/5`) : ['- (no graded answers)']),
    '',
    '## What to review next',
    '',
    ...(report.reviewNext.length > 0
      ? report.reviewNext.map(
          (item) => `- \`mianba show ${item.id}\` — ${item.question}${item.missed.length > 0 ? `\n  - missed: ${item.missed.join('; ')}` : ''}`,
        )
      : ['- Nothing below 3/5. Keep drilling with `mianba drill`.']),
  ];
  return `${lines.join('\n')}\n`;
}

export function mockReportHtml(report: MockReport): string {
  const rows = report.rows
    .map(
      (row) =>
        `<tr><td>${row.label}</td><td>${escapeHtml(row.question)}<br><code>${escapeHtml(row.id)}</code></td><td>${escapeHtml(row.topic)}</td><td>${row.skipped ? 'skipped' : `${row.score?.toFixed(1) ?? '-'}/5`}</td><td>${row.time}</td><td>${row.missed.map(escapeHtml).join('<br>') || '—'}</td></tr>`,
    )
    .join('\n');
  const review = report.reviewNext
    .map(
      (item) =>
        `<li><code>mianba show ${escapeHtml(item.id)}</code> — ${escapeHtml(item.question)}${item.missed.length > 0 ? `<br><small>missed: ${item.missed.map(escapeHtml).join('; ')}</small>` : ''}</li>`,
    )
    .join('\n');
  const weak = report.weakTopics.map((topic) => `<li>${escapeHtml(topic.topic)}: ${topic.meanScore.toFixed(1)}/5</li>`).join('\n');
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mianba mock interview report</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #1d2330; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #d5dae3; padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f3f5f9; } code { font-size: 0.85em; color: #4b5563; }
</style>
</head>
<body>
<h1>Mock interview report</h1>
<p>Started ${escapeHtml(report.startedAt)} · ${report.minutes} min · mean score ${report.meanScore?.toFixed(1) ?? '-'}/5${report.timedOut ? ' · time ran out' : ''}${report.unasked > 0 ? ` · ${report.unasked} not asked` : ''}</p>
<table>
<tr><th>#</th><th>question</th><th>topic</th><th>score</th><th>time</th><th>missed points</th></tr>
${rows}
</table>
<h2>Weakest topics</h2>
<ul>${weak || '<li>(no graded answers)</li>'}</ul>
<h2>What to review next</h2>
<ul>${review || '<li>Nothing below 3/5. Keep drilling with <code>mianba drill</code>.</li>'}</ul>
</body>
</html>
`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
