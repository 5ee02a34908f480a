// The cited passage a [n] marker points at: the question, its source path (relative to its knowledge base) and
// line, the passage itself, and a link to where it opens: the Bank item, or the document at the cited line. Shown in the flow under the answer, so it
// never covers the composer, on a phone either.
import { useEffect, useRef } from 'preact/hooks';
import { displayPath } from '../format';
import { useI18n } from '../i18n';
import type { Citation } from '../types';
import { MarkdownView } from './markdown-view';

export function CitationPanel(props: { citation: Citation; href?: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { citation } = props;
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.scrollIntoView({ block: 'nearest' }), [citation.n]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') props.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onClose]);
  return (
    <aside ref={panel} class="citation-panel" data-testid="citation-panel" aria-label={`${t('sources')} [${citation.n}]`}>
      <header>
        <span>
          <strong>[{citation.n}]</strong> {citation.question ?? ''}
        </span>
        <button type="button" class="icon" onClick={props.onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p class="source-path" data-testid="citation-source">
        {citation.kb !== 'builtin' ? `${citation.kb} · ` : ''}
        {displayPath(citation.path, citation.kb)}:{citation.line}
      </p>
      {props.href && (
        <p>
          <a href={props.href} data-testid={citation.kb === 'builtin' ? 'citation-bank-link' : 'citation-doc-link'}>
            {citation.kb === 'builtin' ? t('openInBank') : t('openDocument')} →
          </a>
        </p>
      )}
      <MarkdownView source={citation.text} />
    </aside>
  );
}
