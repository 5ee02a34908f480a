// The bar above a conversation: its title, and rename (inline), export as Markdown, delete (asks once more, inline,
// no browser dialog). On a phone it also opens the conversation list.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { ThreadSummary } from '../types';

export function ThreadBar(props: {
  thread: ThreadSummary | undefined;
  drawerOpen: boolean;
  onToggleDrawer: () => void;
  onRename: (title: string) => Promise<void>;
  onExport: () => void;
  onDelete: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setEditing(false);
    setConfirming(false);
    setError(undefined);
  }, [props.thread?.id]);
  const run = (action: () => Promise<void>) => action().catch((failure: Error) => setError(failure.message));
  return (
    <div class="thread-bar" data-testid="thread-bar">
      <button type="button" class="ghost small threads-toggle" aria-expanded={props.drawerOpen} onClick={props.onToggleDrawer} data-testid="threads-toggle">
        ☰ {t('conversations')}
      </button>
      {props.thread && !editing && (
        <h1 class="thread-name" data-testid="thread-title">
          {props.thread.title}
        </h1>
      )}
      {props.thread && editing && (
        <form
          class="rename"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await props.onRename(title);
              setEditing(false);
            });
          }}
        >
          <input
            value={title}
            maxLength={120}
            aria-label={t('threadTitle')}
            onInput={(event) => setTitle((event.target as HTMLInputElement).value)}
            data-testid="rename-input"
          />
          <button type="submit" class="small primary" disabled={!title.trim()}>
            {t('save')}
          </button>
          <button type="button" class="small ghost" onClick={() => setEditing(false)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {props.thread && !editing && (
        <span class="thread-actions">
          <button
            type="button"
            class="ghost small"
            data-testid="rename-thread"
            onClick={() => {
              setTitle(props.thread?.title ?? '');
              setEditing(true);
            }}
          >
            {t('rename')}
          </button>
          <button type="button" class="ghost small" onClick={props.onExport} data-testid="export-thread">
            {t('exportMarkdown')}
          </button>
          {confirming ? (
            <button type="button" class="small danger" onClick={() => void run(props.onDelete)} data-testid="confirm-delete-thread">
              {t('confirmDeleteThread')}
            </button>
          ) : (
            <button type="button" class="ghost small" onClick={() => setConfirming(true)} data-testid="delete-thread">
              {t('deleteThread')}
            </button>
          )}
        </span>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
