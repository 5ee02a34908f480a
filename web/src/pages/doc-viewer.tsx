// The document viewer (#/doc/<kb>/<path>?line=N): the cited note at the cited line, the passage highlighted and
// scrolled into view; PDF pages marked; HTML and DOCX as their extracted text. The path is the one citations show
// (relative to the knowledge base); the server maps it to a stored document, never to a file-system path.
import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { downloadFile, getJson } from '../api';
import { useI18n } from '../i18n';
import type { DocumentText } from '../types';
import { useApi } from '../use-api';

export function DocViewer(props: { kb: string; path: string; line: number | undefined }) {
  const { t } = useI18n();
  const doc = useApi(() => getJson<DocumentText>(`/api/kbs/${encodeURIComponent(props.kb)}/text`, { path: props.path }), `${props.kb}/${props.path}`);
  const target = useRef<HTMLDivElement>(null);
  const line = props.line;
  const passage = doc.data && line !== undefined ? doc.data.passages.find((item) => item.lineStart <= line && line <= item.lineEnd) : undefined;
  const from = passage?.lineStart ?? line ?? -1;
  const to = passage?.lineEnd ?? line ?? -1;
  useEffect(() => target.current?.scrollIntoView({ block: 'center' }), [doc.data, line]);
  let firstMarked = false;
  return (
    <section class="doc-viewer" data-testid="doc-viewer">
      <header class="doc-header">
        <button type="button" class="ghost small" onClick={() => history.back()}>
          ← {t('docBack')}
        </button>
        <h1 class="doc-title">
          <span class="muted">{props.kb} · </span>
          {props.path}
          {line !== undefined && <span class="muted">:{line}</span>}
        </h1>
        {doc.data && (
          <button
            type="button"
            class="ghost small"
            onClick={() => void downloadFile(`/api/kbs/${props.kb}/documents/${doc.data?.id}/file`, props.path.split('/').pop() ?? 'document')}
          >
            {t('download')}
          </button>
        )}
      </header>
      {doc.loading && <p class="muted">{t('loading')}</p>}
      {doc.error && (
        <p class="error" role="alert">
          {t('error')}: {doc.error}
        </p>
      )}
      {doc.data?.truncated && <p class="muted small">{t('docTruncated')}</p>}
      {doc.data && (
        <div class="doc-lines" data-format={doc.data.format}>
          {doc.data.lines.map((entry, index) => {
            const marked = entry.n >= from && entry.n <= to;
            const first = marked && !firstMarked;
            if (first) firstMarked = true;
            const newPage = entry.page !== undefined && entry.page !== doc.data?.lines[index - 1]?.page;
            return (
              <Fragment key={index}>
                {newPage && (
                  <div class="doc-page" data-testid="doc-page">
                    {t('docPage').replace('{n}', String(entry.page))}
                  </div>
                )}
                <div
                  ref={first ? target : undefined}
                  class={`doc-line ${marked ? 'marked' : ''}`}
                  data-line={entry.n}
                  data-testid={marked ? 'doc-marked' : undefined}
                >
                  <span class="doc-n" aria-hidden="true">
                    {entry.n}
                  </span>
                  <span class="doc-text">{entry.text || ' '}</span>
                </div>
              </Fragment>
            );
          })}
        </div>
      )}
    </section>
  );
}
