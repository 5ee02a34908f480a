// The configuration schema (zod): validated once at start by loadConfig. Loaded only when there is something to
// validate (a config file, model settings in the environment), so a plain `mianba search` does not pay for zod.
import { z } from 'zod';
import { kbNamePattern, kbNameRule } from '../core/kb-name.js';
import { defaultMaxFileMb, practiceDefaults, retrievalDefaults } from './config-defaults.js';

export const llmSchema = z.object({
  baseUrl: z.string().url(),
  model: z.string().min(1),
  apiKey: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().positive().optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  repetitionPenalty: z.number().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  /** Budget for connect + first byte, and between two streamed chunks (ms). 30 s: a cold local model loads in ~20 s. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Retries after a timeout or 408/409/429/5xx; 2 keeps a dead server's worst case near 1.5 min. */
  maxRetries: z.number().int().min(0).max(10).default(2),
});

export const embedSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('builtin') }),
  z.object({ provider: z.literal('openai'), baseUrl: z.string().url(), model: z.string().min(1), apiKey: z.string().optional() }),
  z.object({ provider: z.literal('onnx'), directory: z.string().min(1) }),
]);

export const configSchema = z
  .object({
    home: z.string().min(1),
    kb: z.string().regex(kbNamePattern, kbNameRule),
    llm: llmSchema.optional(),
    /** A local GGUF model (node-llama-cpp); used instead of `llm` when set. */
    gguf: z.object({ path: z.string().min(1), contextSize: z.number().int().positive().default(8192) }).optional(),
    embed: embedSchema.default({ provider: 'builtin' }),
    retrieval: z
      .object({
        rrfK: z.number().positive().default(retrievalDefaults.rrfK),
        lexicalWeight: z.number().min(0).default(retrievalDefaults.lexicalWeight),
        vectorWeight: z.number().min(0).default(retrievalDefaults.vectorWeight),
        rerank: z.boolean().default(retrievalDefaults.rerank),
        expandQuery: z.boolean().default(retrievalDefaults.expandQuery),
        /** Minimum evidence below which ask refuses; set by `mianba eval calibrate` (default: see config-defaults.ts). */
        refusalThreshold: z.number().min(0).max(1).default(retrievalDefaults.refusalThreshold),
        candidates: z.number().int().positive().default(retrievalDefaults.candidates),
        /** builtin features, or the configured LLM scoring passages (blended with the features). */
        reranker: z.enum(['builtin', 'llm', 'onnx']).default(retrievalDefaults.reranker),
        /** Local ONNX cross-encoder directory, for reranker "onnx". */
        rerankerDirectory: z.string().min(1).optional(),
      })
      .default(retrievalDefaults),
    practice: z.object({ desiredRetention: z.number().gt(0.5).lt(1).default(practiceDefaults.desiredRetention) }).default(practiceDefaults),
    maxFileMb: z.number().positive().default(defaultMaxFileMb),
  })
  .refine((config) => config.retrieval.reranker !== 'onnx' || config.retrieval.rerankerDirectory !== undefined, {
    message: 'retrieval.reranker "onnx" needs retrieval.rerankerDirectory (or MIANBA_RERANK_ONNX_DIR)',
    path: ['retrieval', 'rerankerDirectory'],
  });

export type Config = z.infer<typeof configSchema>;
export type LlmConfig = z.infer<typeof llmSchema>;
export type EmbedConfig = z.infer<typeof embedSchema>;
