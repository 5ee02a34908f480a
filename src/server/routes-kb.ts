// Knowledge bases and their documents over HTTP: list, show (documents with Q&A counts and errors), upload + ingest
// (JSON, or SSE progress when the client accepts text/event-stream), delete, re-index, and a document's file by id.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { App } from '../app.js';
import { displayName, isInside } from '../core/display-path.js';
import { AppError } from '../core/errors.js';
import type { FileReport } from '../ingest/ingest-files.js';
import { maxFilesPerUpload } from '../ingest/ingest-limits.js';
import { type ApiRoute, defineRoute, kbName } from './api-route.js';
import { documentFileResponse, readIngestedFile } from './document-file.js';
import { eventStream } from './sse.js';
import { apiPath, checkUpload, documentId, documentIdSchema, storeUpload, uniqueUploadNames, uploadExtensions, uploadsDir } from './uploads.js';

const kbSummary = z.object({ name: z.string(), documents: z.number().int(), units: z.number().int(), questions: z.number().int(), answered: z.number().int() });
const documentSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  format: z.string(),
  bytes: z.number().int(),
  title: z.string().optional(),
  ingestedAt: z.string().describe('first imported'),
  indexedAt: z.string().optional().describe('last parsed and indexed'),
  units: z.number().int(),
  questions: z.number().int(),
  answered: z.number().int(),
  uploaded: z.boolean(),
});
const errorSchema = z.object({ id: z.string(), name: z.string(), path: z.string(), code: z.string(), message: z.string(), at: z.string() });
const fileReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  outcome: z.enum(['added', 'updated', 'unchanged', 'skipped', 'failed']),
  units: z.number().int().optional(),
  questions: z.number().int().optional(),
  code: z.string().optional(),
  reason: z.string().optional(),
});
export const ingestResponse = z.object({
  kb: z.string(),
  files: z.array(fileReportSchema),
  pruned: z.array(z.string()),
  counts: z.record(z.string(), z.number().int()),
});
const kbParams = z.object({ kb: kbName });
const documentParams = z.object({ kb: kbName, id: z.string().regex(documentIdSchema, 'not a document id') });

export function kbRoutes(app: App, secrets: readonly string[]): ApiRoute[] {
  const home = app.config.home;
  const maxFileBytes = app.config.maxFileMb * 2 ** 20;
  const report = ({ path, ...file }: FileReport) => ({ ...file, id: documentId(path), name: displayName(home, path) });
  const findDocument = async (kb: string, id: string) => {
    const document = (await app.showKb(kb)).documents.find((candidate) => documentId(candidate.path) === id);
    if (!document) throw new AppError('not_found', `no document "${id}" in knowledge base "${kb}"`);
    return document;
  };
  /** A document, or a file that failed to ingest (so that it can be deleted too). */
  const findEntry = async (kb: string, id: string) => {
    const shown = await app.showKb(kb);
    const path = [...shown.documents, ...shown.errors].find((candidate) => documentId(candidate.path) === id)?.path;
    if (!path) throw new AppError('not_found', `no document or failed file "${id}" in knowledge base "${kb}"`);
    return path;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/kbs',
      tag: 'knowledge bases',
      summary: 'Knowledge bases with their counts',
      response: z.object({ kbs: z.array(kbSummary) }),
      handle: async () => ({ kbs: await app.listKbs() }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/kbs/:kb',
      tag: 'knowledge bases',
      summary: 'One knowledge base: its documents with Q&A counts, and ingest errors',
      params: kbParams,
      response: z.object({ summary: kbSummary, documents: z.array(documentSchema), errors: z.array(errorSchema) }),
      async handle({ params }) {
        const shown = await app.showKb(params.kb);
        const folder = uploadsDir(home, params.kb);
        return {
          summary: shown.summary,
          documents: shown.documents.map(({ contentHash: _hash, ...document }) => ({
            ...document,
            path: apiPath(home, params.kb, document.path),
            id: documentId(document.path),
            name: displayName(home, document.path),
            uploaded: isInside(folder, document.path),
          })),
          errors: shown.errors.map((error) => ({
            ...error,
            path: apiPath(home, params.kb, error.path),
            id: documentId(error.path),
            name: displayName(home, error.path),
          })),
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/kbs/:kb',
      tag: 'knowledge bases',
      summary: 'Delete a knowledge base and its uploaded files',
      params: kbParams,
      response: z.object({ removed: z.string() }),
      async handle({ params }) {
        await app.removeKb(params.kb);
        rmSync(uploadsDir(home, params.kb), { recursive: true, force: true });
        return { removed: params.kb };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/kbs/:kb/documents',
      tag: 'knowledge bases',
      summary: `Upload files (multipart field "file", repeatable; ${uploadExtensions.join(' ')}) and ingest them; SSE progress with Accept: text/event-stream`,
      params: kbParams,
      rawBody: {
        contentType: 'multipart/form-data',
        schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } }, required: ['file'] },
      },
      response: ingestResponse,
      async handle({ params, context }) {
        if (params.kb === 'builtin') throw new AppError('usage', 'the built-in knowledge base is read-only; upload into another knowledge base');
        // Before any file lands in the uploads folder: a refused upload must not overwrite someone else's original.
        await app.assertWritable(params.kb);
        const form = await context.req.parseBody({ all: true }).catch((error: unknown) => {
          throw new AppError('invalid_input', `malformed multipart body: ${(error as Error).message}`, { cause: error });
        });
        const files = [form.file ?? [], form.files ?? []].flat().filter((value): value is File => typeof value !== 'string');
        if (files.length === 0) throw new AppError('invalid_input', 'no file in the upload (multipart field "file")');
        if (files.length > maxFilesPerUpload)
          throw new AppError('limit_exceeded', `${files.length} files in one upload, over the limit of ${maxFilesPerUpload}; upload them in smaller batches`);
        for (const file of files) checkUpload(file.name, file.size, maxFileBytes);
        const names = uniqueUploadNames(files.map((file) => file.name));
        const paths: string[] = [];
        try {
          for (const [index, file] of files.entries())
            paths.push(storeUpload(home, params.kb, names[index] as string, new Uint8Array(await file.arrayBuffer())));
        } catch (error) {
          // All or nothing: a failed upload (disk full) leaves none of its files behind.
          for (const path of paths) rmSync(path, { force: true });
          throw error;
        }
        const ingest = async (onFile?: (file: FileReport, index: number, total: number) => void, signal?: AbortSignal) => {
          const summary = await app.ingest({ inputs: paths, kb: params.kb, cwd: home, ...(onFile ? { onFile } : {}), ...(signal ? { signal } : {}) });
          return ingestResponse.parse({ kb: params.kb, files: summary.files.map(report), pruned: summary.pruned, counts: summary.counts });
        };
        if (!(context.req.header('accept') ?? '').includes('text/event-stream')) return ingest();
        return eventStream(context, secrets, async (sink) => {
          const done = await ingest((file, index, total) => sink.send('file', { index, total, file: report(file) }), sink.signal);
          sink.send('done', done);
        });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/kbs/:kb/documents/:id',
      tag: 'knowledge bases',
      summary: 'Remove one document or failed file (and its uploaded file) from a knowledge base',
      params: documentParams,
      response: z.object({ removed: z.string() }),
      async handle({ params }) {
        const path = await findEntry(params.kb, params.id);
        await app.removeDocument(params.kb, path);
        if (isInside(uploadsDir(home, params.kb), path)) rmSync(path, { force: true });
        return { removed: params.id };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/kbs/:kb/documents/:id/file',
      tag: 'knowledge bases',
      summary: 'Download a document by id (as an attachment; text formats as text/plain)',
      params: documentParams,
      response: z.string(),
      async handle({ params }) {
        const document = await findDocument(params.kb, params.id);
        return documentFileResponse(basename(document.path), document.format, readIngestedFile(document.path, document.contentHash, params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/kbs/:kb/reindex',
      tag: 'knowledge bases',
      summary:
        'Rebuild the index of a knowledge base, one document per transaction: mode "re-parse" (default) reads every file again, retries failed files and prunes documents whose file is gone; "re-embed" recomputes tokens and vectors from the stored text',
      params: kbParams,
      query: z.object({ mode: z.enum(['re-parse', 're-embed']).optional() }),
      response: ingestResponse,
      async handle({ params, query, context }) {
        const result = await app.reindex({ kb: params.kb, mode: query.mode ?? 're-parse', signal: context.req.raw.signal });
        const summary = result.ingest ?? { files: [], pruned: [], counts: { added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 } };
        return { kb: params.kb, files: summary.files.map(report), pruned: summary.pruned, counts: summary.counts };
      },
    }),
  ];
}
