// The conversation list of the Ask page: a sidebar on desktop, a drawer opened from the thread bar on a phone.
// New conversation, switch (links to #/ask/<id>, so Back and reload work), with turn counts and dates.
import { useI18n } from '../i18n';
import type { ThreadSummary } from '../types';
import { routeHash } from '../use-hash-route';

export function ThreadsList(props: {
  threads: ThreadSummary[] | undefined;
  current: string | undefined;
  open: boolean;
  onPick: () => void;
  onNew: () => void;
}) {
  const { t, language } = useI18n();
  const date = (iso: string) => new Date(iso).toLocaleDateString(language === 'zh' ? 'zh-CN' : 'en', { month: 'short', day: 'numeric' });
  return (
    <nav class={`threads ${props.open ? 'open' : ''}`} aria-label={t('conversations')} data-testid="threads">
      <a
        class="button primary new-thread"
        href={routeHash('ask')}
        onClick={() => {
          props.onNew();
          props.onPick();
        }}
        data-testid="new-thread"
      >
        + {t('newThread')}
      </a>
      {props.threads?.length === 0 && <p class="muted small">{t('noThreads')}</p>}
      <ul>
        {props.threads?.map((thread) => (
          <li key={thread.id}>
            <a
              href={routeHash('ask', [thread.id])}
              class={thread.id === props.current ? 'active' : ''}
              aria-current={thread.id === props.current ? 'page' : undefined}
              onClick={props.onPick}
              data-testid="thread-link"
            >
              <span class="thread-title">{thread.title}</span>
              <span class="muted small">
                {thread.turns} {language === 'en' && thread.turns === 1 ? 'turn' : t('turnsCount')} · {date(thread.updatedAt)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
