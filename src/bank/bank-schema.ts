// Schema of the built-in question bank files (bank/chapters/*.yaml, bank/glossary.yaml).
// Pure: validates parsed YAML and reports the path of every bad field; reading files happens in load-bank.ts.
// zod is loaded on first use: a search reads the compiled bank and never needs it.
import { createRequire } from 'node:module';
import type * as Zod from 'zod';

const require = createRequire(import.meta.url);
let cached: ReturnType<typeof buildSchemas> | undefined;

export function bankSchemas(): ReturnType<typeof buildSchemas> {
  cached ??= buildSchemas();
  return cached;
}

function buildSchemas() {
  const { z } = require('zod') as typeof Zod;

  const text = z.string().trim().min(1);
  const bilingualSchema = z.object({ zh: text, en: text }).strict();

  const keyPointSchema = z
    .object({
      zh: text,
      en: text,
      /** Short phrases (zh, en, abbreviations) whose presence in an answer shows the point is covered. */
      aliases: z.array(text).min(1),
    })
    .strict();

  const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: a-z, 0-9 and -');

  /**
   * A wrong claim an interviewer listens for. A pattern is one or more fragments joined by `..`: every fragment must
   * appear, in order, inside one sentence of the answer (case-, width- and space-insensitive); a fragment preceded by
   * a negation (不/没/并非/并不/not/never/isn't ...) does not count. Example: `eval..关闭梯度`, `A..B..都..0`.
   */
  const misconceptionSchema = z
    .object({
      claim: bilingualSchema,
      patterns: z.array(text).min(1),
      correction: bilingualSchema,
      /** 1-based index of the key point this claim contradicts: a matched claim blocks that point. */
      contradicts: z.number().int().min(1).max(6).optional(),
    })
    .strict();

  const bankQuestionSchema = z
    .object({
      id: idSchema,
      section: bilingualSchema.optional(),
      difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      tags: z.array(text).default([]),
      related: z.array(idSchema).default([]),
      question: bilingualSchema,
      answer: bilingualSchema,
      /** The 30-second version: the core of the answer in 1-3 sentences, our own words. */
      brief: bilingualSchema.optional(),
      keyPoints: z.array(keyPointSchema).min(3).max(6),
      misconceptions: z.array(misconceptionSchema).default([]),
      /** Former ids merged into this item; they keep resolving here so practice history survives. */
      aliasIds: z.array(idSchema).default([]),
    })
    .strict();

  const chapterFileSchema = z
    .object({
      chapter: z
        .object({
          id: idSchema,
          /** Number of the chapter (1-31) in the 31-chapter interview outline this file belongs to. */
          outline: z.number().int().min(1).max(31),
          title: bilingualSchema,
        })
        .strict(),
      questions: z.array(bankQuestionSchema).min(1),
    })
    .strict();

  const glossaryTermSchema = z
    .object({
      en: text,
      abbr: z.array(text).default([]),
      zh: z.array(text).default([]),
      aliases: z.array(text).default([]),
    })
    .strict();

  const glossaryFileSchema = z.object({ terms: z.array(glossaryTermSchema).min(1) }).strict();
  return { bilingualSchema, keyPointSchema, misconceptionSchema, idSchema, bankQuestionSchema, chapterFileSchema, glossaryTermSchema, glossaryFileSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
export type ChapterFile = Zod.infer<Schemas['chapterFileSchema']>;
export type BankQuestionSource = Zod.infer<Schemas['bankQuestionSchema']>;
export type Misconception = Zod.infer<Schemas['misconceptionSchema']>;
export type GlossaryTerm = Zod.infer<Schemas['glossaryTermSchema']>;
