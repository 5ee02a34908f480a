// The one table of supported document formats: file extension -> format. Ingest, uploads, CLI messages and the web
// app's file picker all read it (no node imports here: the web app bundles this file).
import type { DocumentFormat } from './types.js';

export const formatByExtension: Readonly<Record<string, Exclude<DocumentFormat, 'bank'>>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** Supported extensions, lower case with the dot, in table order. */
export const supportedExtensions: readonly string[] = Object.keys(formatByExtension);

/** The format of a file by its extension (case-insensitive); undefined when unsupported. */
export function formatOf(path: string): DocumentFormat | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? formatByExtension[name.slice(dot).toLowerCase()] : undefined;
}

export function unsupportedFormatMessage(): string {
  return `unsupported file type (supported: ${supportedExtensions.join(' ')})`;
}
