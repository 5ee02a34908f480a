// A document's text for the viewer (#/doc/<kb>/<path>?line=N): addressed by its path relative to the knowledge base,
// matched against the stored documents (the request's path never touches the file system, so "../" goes nowhere),
// read through readIngestedFile (links refused, edited files refused), returned as numbered lines with the passages
// (units) so the cited one can be highlighted. The built-in bank has no files: its items open in the Bank.
import { z } from 'zod';
import type { App } from '../app.js';
import { AppError } from '../core/errors.js';
import { builtinKb } from '../core/kb-name.js';
import type { DocumentFormat } from '../core/types.js';
import { type ApiRoute, defineRoute, kbName } from './api-route.js';
import { documentLines, readIngestedFile } from './document-file.js';
import { apiPath, documentId } from './uploads.js';

/** Viewer responses stop here: a 50 MB text file would be a 100 MB JSON answer. */
const maxLines = 50_000;

export function documentRoutes(app: App): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/kbs/:kb/text',
      tag: 'knowledge bases',
      summary: "A document's text by its path relative to the knowledge base: numbered lines (PDF with pages) and its passages",
      params: z.object({ kb: kbName }),
      query: z.object({ path: z.string().min(1).max(1000).describe('path relative to the knowledge base, as citations show it') }),
      response: z.object({
        kb: z.string(),
        path: z.string(),
        id: z.string(),
        format: z.string(),
        title: z.string().optional(),
        truncated: z.boolean(),
        lines: z.array(z.object({ n: z.number().int(), text: z.string(), page: z.number().int().optional() })),
        passages: z.array(z.object({ lineStart: z.number().int(), lineEnd: z.number().int(), question: z.string().nullable() })),
      }),
      async handle({ params, query }) {
        if (params.kb === builtinKb) throw new AppError('not_found', 'the built-in bank has no files to show; its questions open in the Bank (#/bank/<id>)');
        const home = app.config.home;
        const document = (await app.showKb(params.kb)).documents.find((candidate) => apiPath(home, params.kb, candidate.path) === query.path);
        if (!document) throw new AppError('not_found', `no document "${query.path}" in knowledge base "${params.kb}"`);
        const id = documentId(document.path);
        const lines = await documentLines(document.format as DocumentFormat, readIngestedFile(document.path, document.contentHash, id));
        const passages = await app.documentPassages(params.kb, document.path);
        return {
          kb: params.kb,
          path: query.path,
          id,
          format: document.format,
          title: document.title,
          truncated: lines.length > maxLines,
          lines: lines.slice(0, maxLines),
          passages,
        };
      },
    }),
  ];
}
