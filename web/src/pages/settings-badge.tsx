// The header's "which model answers" badge: the configured model's name, or "offline extractive"; links to Settings
// and refreshes when settings are saved.
import { useEffect } from 'preact/hooks';
import { getJson } from '../api';
import { useI18n } from '../i18n';
import type { Status } from '../types';
import { useApi } from '../use-api';
import { routeHash } from '../use-hash-route';
import { settingsChanged } from './settings-page';

export function ModelBadge() {
  const { t } = useI18n();
  const status = useApi(() => getJson<Status>('/api/status'), 'badge');
  useEffect(() => {
    const reload = () => status.reload();
    window.addEventListener(settingsChanged, reload);
    return () => window.removeEventListener(settingsChanged, reload);
  }, [status.reload]);
  if (!status.data) return null;
  const name = status.data.llm.configured ? (status.data.llm.model ?? '') : t('offlineMode');
  return (
    <a class="model-badge" href={routeHash('settings')} data-testid="model-badge" title={`${t('answersWith')}: ${name}`}>
      <span class="model-label">{t('answersWith')}: </span>
      {name}
    </a>
  );
}
