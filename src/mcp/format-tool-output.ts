// Plain-text (Markdown) renderings of hits, answers and questions for MCP tool results, which agents read. Pure.
import type { AskResult } from '../answer/answer-question.js';
import { sourcesText } from '../answer/sources-text.js';
import { type QuestionItem, textOf, topicText } from '../bank/question-item.js';
import { formatTopic } from '../core/topic-path.js';
import type { Hit } from '../core/types.js';

export function formatHits(hits: readonly Hit[]): string {
  if (hits.length === 0) return 'No matches.';
  return hits
    .map(
      (hit) =>
        `${hit.rank}. ${hit.question ?? formatTopic(hit.topic)} (${hit.path}:${hit.line}${hit.questionId ? `, id ${hit.questionId}` : ''})\n${hit.text.trim()}`,
    )
    .join('\n\n');
}

export function formatAnswer(result: AskResult & { calculation?: { text: string } }, home: string): string {
  const calculation = result.calculation ? `\n\n${result.calculation.text.trim()}` : '';
  return `${result.answer}${calculation}${sourcesText(result.citations, home)}`;
}

export function formatQuestion(item: QuestionItem, language: 'zh' | 'en', withAnswer: boolean): string {
  const lines = [
    `# ${textOf(item.question, language)}`,
    `id: ${item.id} · topic: ${topicText(item.topic, language)}${item.difficulty ? ` · difficulty ${item.difficulty}` : ''}`,
  ];
  if (withAnswer) {
    lines.push('', textOf(item.answer, language));
    if (item.keyPoints.length > 0) lines.push('', language === 'zh' ? '要点:' : 'Key points:', ...item.keyPoints.map((point) => `- ${point[language]}`));
  }
  lines.push('', `Sources: ${item.sources.map((source) => `${source.path}:${source.line}`).join(', ')}`);
  return lines.join('\n');
}
