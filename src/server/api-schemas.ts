// Zod schemas of the shapes the API returns more than once (hits, citations, questions). Response schemas are
// whitelists: a field they do not name never reaches a client.
import { z } from 'zod';

export const sourceSchema = z.object({ kb: z.string(), path: z.string(), line: z.number().int() });

export const hitSchema = z.object({
  rank: z.number().int(),
  score: z.number(),
  kb: z.string(),
  path: z.string(),
  line: z.number().int(),
  question: z.string().nullable(),
  /** Section headings above the hit, outermost first. */
  topic: z.array(z.string()),
  text: z.string(),
  questionId: z.string().nullable(),
  sources: z.array(sourceSchema),
});

export const citationSchema = z.object({
  n: z.number().int(),
  kb: z.string(),
  path: z.string(),
  line: z.number().int(),
  question: z.string().nullable(),
  text: z.string(),
  questionId: z.string().nullable(),
});

export const traceEntrySchema = z.object({
  key: z.string(),
  label: z.string(),
  ranks: z.record(z.string(), z.number()),
  fusedScore: z.number(),
  rerankScore: z.number().optional(),
  evidence: z.number(),
  finalRank: z.number().int().optional(),
});

const bilingual = z.object({ zh: z.string(), en: z.string() });
export const textSchema = z.union([bilingual, z.string()]);
/** A topic path, outermost heading first: {zh, en} paths for bank questions, one path for user notes. */
export const topicSchema = z.union([z.object({ zh: z.array(z.string()), en: z.array(z.string()) }), z.array(z.string())]);

export const questionItemSchema = z.object({
  id: z.string(),
  kb: z.string(),
  topic: topicSchema,
  question: textSchema,
  answer: textSchema,
  keyPoints: z.array(z.object({ zh: z.string(), en: z.string(), aliases: z.array(z.string()) })),
  difficulty: z.number().nullable(),
  tags: z.array(z.string()),
  related: z.array(z.string()),
  sources: z.array(sourceSchema),
});

/** Calculator results are wide numeric records; the fields every client relies on are named, the rest pass. */
export const calculationSchema = z.looseObject({ kind: z.enum(['inference', 'training', 'compute']), title: z.string(), text: z.string() });
