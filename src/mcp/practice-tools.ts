// The drill as MCP tools: next_question (the question without its answer) and grade_answer (covered and missed
// points, the reference, and, unless record=false, the review scheduled with FSRS).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { textOf } from '../bank/question-item.js';
import { AppError } from '../core/errors.js';
import type { Practice } from '../practice/create-practice.js';
import { nextQuestion } from '../practice/next-question.js';
import { ratings } from '../practice/rating.js';
import { formatQuestion } from './format-tool-output.js';
import type { runTool } from './mcp-server.js';

export function registerPracticeTools(server: McpServer, run: typeof runTool, practice: () => Practice): void {
  server.registerTool(
    'next_question',
    {
      title: 'Next drill question',
      description: 'The next question to practise (due reviews first, then new ones), without its answer. Ask the user, then call grade_answer.',
      inputSchema: { topic: z.string().max(200).optional(), kb: z.string().max(64).optional(), language: z.enum(['zh', 'en']).optional() },
    },
    ({ topic, kb, language }) =>
      run(async () => {
        const next = await nextQuestion(practice(), { topic, kb });
        if (!next.item) return 'Nothing to drill: no question is due and no new question is left.';
        return `${formatQuestion(next.item, language ?? 'zh', false)}\n\n(${next.due} due, ${next.fresh} new)`;
      }),
  );
  server.registerTool(
    'grade_answer',
    {
      title: 'Grade an answer',
      description:
        "Grades the user's answer to a question by id: score 0-5, covered and missed key points, the reference answer; records the review (FSRS) unless record is false.",
      inputSchema: {
        id: z.string().min(1).max(128),
        answer: z.string().max(20_000),
        record: z.boolean().optional(),
        rating: z.enum(ratings).optional().describe("override of the grader's rating"),
      },
    },
    ({ id, answer, record, rating }) =>
      run(async () => {
        const item = await practice().question(id);
        if (!item) throw new AppError('not_found', `no question with id "${id}"`);
        const grade = practice().grade(item, answer);
        const language = grade.language;
        const lines = [
          `Score ${grade.score}/5 · proposed rating ${grade.rating}`,
          `Covered: ${grade.covered.join('; ') || '—'}`,
          `Missed: ${grade.missed.join('; ') || '—'}`,
          '',
          `Reference answer:\n${grade.reference.text || textOf(item.answer, language)}`,
        ];
        if (record !== false) {
          const { card, review } = await practice().record({ item, grade, rating: rating ?? grade.rating, answer });
          lines.push('', `Recorded as ${review.rating}; next review ${card.due}.`);
        }
        return lines.join('\n');
      }),
  );
}
