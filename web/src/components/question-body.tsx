// One bank question opened: answer, key points (formulas typeset), sources relative to their knowledge base,
// related questions as links, and a button to drill it. Loaded on demand from /api/questions/{id}.
import { getJson } from '../api';
import { displayPath } from '../format';
import { pick, useI18n } from '../i18n';
import { renderFormulaText } from '../markdown';
import type { QuestionItem } from '../types';
import { useApi } from '../use-api';
import { navigate, routeHash } from '../use-hash-route';
import { MarkdownView } from './markdown-view';

export function QuestionBody(props: { id: string; titles: Map<string, string> }) {
  const { t, language } = useI18n();
  const loaded = useApi(() => getJson<QuestionItem>(`/api/questions/${encodeURIComponent(props.id)}`), props.id);
  if (loaded.error) return <p class="error">{loaded.error}</p>;
  const item = loaded.data;
  if (!item || item.id !== props.id) return <p class="muted">{t('loading')}</p>;
  return (
    <div class="question-body" data-testid="question-body">
      <h4>{t('answer')}</h4>
      <MarkdownView source={pick(item.answer, language)} />
      {item.keyPoints.length > 0 && (
        <>
          <h4>{t('keyPoints')}</h4>
          <ul class="key-points">
            {item.keyPoints.map((point) => (
              <li key={point.zh} dangerouslySetInnerHTML={{ __html: renderFormulaText(point[language] || point.zh) }} />
            ))}
          </ul>
        </>
      )}
      {item.related.length > 0 && (
        <>
          <h4>{t('related')}</h4>
          <ul class="related" data-testid="related">
            {item.related.map((id) => (
              <li key={id}>
                <a href={routeHash('bank', [id])}>{props.titles.get(id) ?? id}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="muted small" data-testid="question-sources">
        {t('sources')}:{' '}
        {item.sources.map((source) => `${source.kb === 'builtin' ? '' : `${source.kb} · `}${displayPath(source.path, source.kb)}:${source.line}`).join(', ')}
        {item.tags.length > 0 ? ` · ${item.tags.join(', ')}` : ''}
      </p>
      <button type="button" class="ghost small" onClick={() => navigate('practice', 'drill', item.id)}>
        {t('drill')} →
      </button>
    </div>
  );
}
