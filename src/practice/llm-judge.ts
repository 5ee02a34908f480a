// The optional LLM judge: a rubric prompt, JSON output validated by a zod schema. Its verdict is shown beside the
// deterministic grade and never replaces it; a reply that does not validate is a model_error.
import { z } from 'zod';
import { type QuestionItem, textOf } from '../bank/question-item.js';
import { AppError } from '../core/errors.js';
import type { ChatModel } from '../models/chat-model.js';
import type { GradeResult } from './grade-answer.js';
import { judgeMessages } from './prompts.js';

export const judgeVerdictSchema = z.object({
  score: z.number().min(0).max(5),
  covered: z.array(z.string()).default([]),
  missed: z.array(z.string()).default([]),
  feedback: z.string().default(''),
});

export type JudgeVerdict = z.infer<typeof judgeVerdictSchema>;

export async function judgeAnswer(
  model: ChatModel,
  request: { item: QuestionItem; answer: string; grade: GradeResult; language: 'zh' | 'en'; signal?: AbortSignal | undefined },
): Promise<JudgeVerdict> {
  const { item, answer, grade, language } = request;
  const messages = judgeMessages({
    question: textOf(item.question, language),
    reference: grade.reference.text,
    keyPoints: grade.points.map((point) => point.point[language]),
    answer,
    language,
  });
  const reply = await model.chat(messages, { json: true, temperature: 0, signal: request.signal });
  return parseVerdict(reply.text);
}

/** Validates a judge reply (the first JSON object in it). */
export function parseVerdict(text: string): JudgeVerdict {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  let value: unknown;
  try {
    value = JSON.parse(start >= 0 && end > start ? text.slice(start, end + 1) : text);
  } catch (error) {
    throw new AppError('model_error', `the judge did not reply with JSON: ${text.slice(0, 120)}`, { cause: error });
  }
  const result = judgeVerdictSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('model_error', `the judge's verdict is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
