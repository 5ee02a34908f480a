// The settings page over HTTP: read (keys masked), save to the config file the CLI reads (the running server takes
// the model and threshold at once), and test a connection with unsaved settings. Behind the server token like every
// /api route; no key is ever returned or logged: errors pass the one redactor with the new keys added to the secrets.
import { z } from 'zod';
import type { App } from '../app.js';
import { embedPresets, llmPresets, readSettings, type SettingsPatch, writeSettings } from '../config/settings-file.js';
import { AppError } from '../core/errors.js';
import { redactSecrets } from '../core/redact.js';
import { type ApiRoute, defineRoute } from './api-route.js';

const maskedKey = z.object({ set: z.boolean(), masked: z.string().optional() });
const settingsView = z.object({
  llm: z.object({ baseUrl: z.string(), model: z.string(), apiKey: maskedKey }).nullable(),
  embed: z.object({ provider: z.enum(['builtin', 'openai', 'onnx']), baseUrl: z.string().optional(), model: z.string().optional(), apiKey: maskedKey }),
  refusalThreshold: z.number(),
  overriddenBy: z.array(z.string()),
  embedderRestartNeeded: z.boolean(),
  presets: z.object({
    llm: z.array(z.object({ name: z.string(), baseUrl: z.string(), model: z.string().optional() })),
    embed: z.array(z.object({ name: z.string(), baseUrl: z.string(), model: z.string().optional() })),
  }),
});
const modelSettings = z.object({
  baseUrl: z
    .string()
    .trim()
    .url()
    .refine((url) => /^https?:\/\//i.test(url), 'use an http:// or https:// URL'),
  model: z.string().trim().min(1).max(200),
  apiKey: z.string().max(500).optional().describe('omit to keep the stored key; "" removes it'),
});
const saveBody = z.object({
  llm: modelSettings.nullable().optional(),
  embed: modelSettings.nullable().optional(),
  refusalThreshold: z.number().min(0).max(1).optional(),
});
const testBody = modelSettings.extend({ target: z.enum(['llm', 'embed']) });

export function settingsRoutes(app: App, secrets: string[]): ApiRoute[] {
  const presets = (table: Record<string, { baseUrl: string; model?: string }>) =>
    Object.entries(table).map(([name, preset]) => ({ name, baseUrl: preset.baseUrl, ...(preset.model ? { model: preset.model } : {}) }));
  const view = () => ({ ...readSettings(app.config), presets: { llm: presets(llmPresets), embed: presets(embedPresets) } });
  /** New keys are secrets from now on: every later error and log line redacts them. */
  const remember = (key: string | undefined) => {
    if (key && !secrets.includes(key)) secrets.push(key);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/settings',
      tag: 'settings',
      summary: 'Model settings and the refusal threshold (API keys masked, never returned)',
      response: settingsView,
      handle: async () => view(),
    }),
    defineRoute({
      method: 'post',
      path: '/api/settings',
      tag: 'settings',
      summary: 'Save settings to the config file (apiKey omitted keeps the stored one); the model applies at once, an embedder after restart + kb reindex',
      body: saveBody,
      response: settingsView,
      async handle({ body }) {
        // One configuration serves everyone on a team server: only an admin changes or probes it.
        if (app.user && app.user.role !== 'admin') throw new AppError('forbidden', 'only an admin may change the server settings');
        remember(body.llm?.apiKey);
        remember(body.embed?.apiKey);
        const next = await writeSettings(app.config, body as SettingsPatch);
        remember(next.llm?.apiKey);
        app.reconfigure(next);
        return view();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/settings/test',
      tag: 'settings',
      summary: 'Test a connection with these settings (not saved): the model and latency, or the error code and message',
      body: testBody,
      response: z.union([
        z.object({ ok: z.literal(true), model: z.string(), latencyMs: z.number(), dimensions: z.number().optional() }),
        z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
      ]),
      async handle({ body }) {
        // One configuration serves everyone on a team server: only an admin changes or probes it.
        if (app.user && app.user.role !== 'admin') throw new AppError('forbidden', 'only an admin may change the server settings');
        const stored = body.target === 'llm' ? app.config.llm?.apiKey : app.config.embed.provider === 'openai' ? app.config.embed.apiKey : undefined;
        const apiKey = body.apiKey === undefined ? stored : body.apiKey || undefined;
        try {
          const check = await app.testConnection(body.target, { baseUrl: body.baseUrl, model: body.model, apiKey });
          return { ok: true as const, ...check };
        } catch (error) {
          const code = error instanceof AppError ? error.code : 'internal';
          const message = error instanceof AppError ? error.message : 'internal error';
          return { ok: false as const, error: { code, message: redactSecrets(message, [...secrets, apiKey]) } };
        }
      },
    }),
  ];
}
