// Schema of the built-in question bank files (bank/chapters/*.yaml, bank/glossary.yaml).
// Pure: validates parsed YAML and reports the path of every bad field; reading files happens in load-bank.ts.
import { z } from 'zod';

const text = z.string().trim().min(1);
export const bilingualSchema = z.object({ zh: text, en: text }).strict();

export const keyPointSchema = z
  .object({
    zh: text,
    en: text,
    /** Short phrases (zh, en, abbreviations) whose presence in an answer shows the point is covered. */
    aliases: z.array(text).min(1),
  })
  .strict();

export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: a-z, 0-9 and -');

export const bankQuestionSchema = z
  .object({
    id: idSchema,
    section: bilingualSchema.optional(),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    tags: z.array(text).default([]),
    related: z.array(idSchema).default([]),
    question: bilingualSchema,
    answer: bilingualSchema,
    keyPoints: z.array(keyPointSchema).min(3).max(6),
  })
  .strict();

export const chapterFileSchema = z
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

export const glossaryTermSchema = z
  .object({
    en: text,
    abbr: z.array(text).default([]),
    zh: z.array(text).default([]),
    aliases: z.array(text).default([]),
  })
  .strict();

export const glossaryFileSchema = z.object({ terms: z.array(glossaryTermSchema).min(1) }).strict();

export type ChapterFile = z.infer<typeof chapterFileSchema>;
export type BankQuestionSource = z.infer<typeof bankQuestionSchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
