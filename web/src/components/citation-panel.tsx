// The cited passage a [n] marker points at: the question, its source path and line, and the passage itself.
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { Citation } from '../types';
import { MarkdownView } from './markdown-view';

export function CitationPanel(props: { citation: Citation; onClose: () => void }) {
  const { t } = useI18n();
  const { citation } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') props.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onClose]);
  return (
    <aside class="citation-panel" data-testid="citation-panel" aria-label={`${t('sources')} [${citation.n}]`}>
      <header>
        <strong>[{citation.n}]</strong> {citation.question ?? ''}
        <button type="button" class="icon" onClick={props.onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p class="source-path" data-testid="citation-source">
        {citation.kb !== 'builtin' ? `${citation.kb} · ` : ''}
        {citation.path}:{citation.line}
      </p>
      <MarkdownView source={citation.text} />
    </aside>
  );
}
