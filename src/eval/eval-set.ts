// Labelled sets for `mianba eval`: JSONL, one query per line, validated line by line with the line number in errors.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { Hit } from '../core/types.js';

export const evalLineSchema = z
  .object({
    query: z.string().trim().min(1),
    /** Question ids or path suffixes of relevant results; empty = the knowledge base cannot answer this. */
    relevant: z.array(z.string().min(1)).default([]),
    kind: z.string().default('all'),
    reference: z.string().optional(),
    key_points: z.array(z.string().min(1)).optional(),
  })
  .strict();

export type EvalLine = z.infer<typeof evalLineSchema>;

export function readEvalSet(file: string): EvalLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('not_found', `cannot read eval set ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseEvalSet(text, file);
}

export function parseEvalSet(text: string, name = 'eval set'): EvalLine[] {
  const lines: EvalLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (!raw.trim() || raw.trim().startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError('invalid_input', `${name}:${index + 1}: not valid JSON`);
    }
    const result = evalLineSchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new AppError('invalid_input', `${name}:${index + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    lines.push(result.data);
  });
  if (lines.length === 0) throw new AppError('invalid_input', `${name} has no queries`);
  return lines;
}

/** A hit is relevant when its question id, or the path of it or of any source, matches a label. */
export function isRelevantHit(hit: Pick<Hit, 'questionId' | 'path' | 'sources'>, relevant: string[]): boolean {
  return relevant.some((label) => hit.questionId === label || pathMatches(hit.path, label) || hit.sources.some((source) => pathMatches(source.path, label)));
}

function pathMatches(path: string, label: string): boolean {
  return label.includes('/') || label.includes('.') ? path === label || path.endsWith(`/${label}`) || path.endsWith(label) : false;
}
