// Ask: conversations kept on the server (/api/threads), listed beside the chat (a drawer on a phone). Answers stream
// in (SSE) with clickable citations; Stop ends the model request on the server and keeps what was written;
// Regenerate answers the last question again. The old browser-only history is imported once into a conversation.
import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadFile, getJson, sendJson, streamEvents } from '../api';
import { clearTurns, loadTurns } from '../ask-history';
import { AnswerCard, type Turn } from '../components/answer-card';
import { useI18n } from '../i18n';
import type { AskResult, KbSummary, Status, Thread, ThreadSummary } from '../types';
import { useApi } from '../use-api';
import { replaceRoute, routeHash } from '../use-hash-route';
import { ThreadBar } from './threads-bar';
import { ThreadsList } from './threads-list';
import { importableTurns, turnFromStored } from './threads-turns';

/** The conversation last shown: coming back to Ask (the nav link, #/ask) reopens it instead of starting afresh. */
const lastThreadKey = 'mianba.ask.thread';
export const forgetLastThread = () => localStorage.removeItem(lastThreadKey);

export function AskPage(props: { threadId?: string | undefined }) {
  const { t, language } = useI18n();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [thread, setThread] = useState<ThreadSummary | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [kb, setKb] = useState('');
  const [length, setLength] = useState<'brief' | 'full'>('brief');
  const [useModel, setUseModel] = useState(true);
  const [busy, setBusy] = useState<AbortController | undefined>();
  const [drawer, setDrawer] = useState(false);
  /** The thread this page already shows (created here, or loaded): a route change to it must not reload it mid-answer. */
  const shown = useRef<string | undefined>(undefined);
  const status = useApi(() => getJson<Status>('/api/status'), 'status');
  const kbs = useApi(() => getJson<{ kbs: KbSummary[] }>('/api/kbs'), 'kbs');
  const threads = useApi(() => getJson<{ threads: ThreadSummary[] }>('/api/threads'), 'threads');
  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [turns.length]);

  // The conversation the browser kept before conversations lived on the server: imported once, then forgotten.
  useEffect(() => {
    const old = importableTurns(loadTurns());
    if (old.length === 0) return;
    void sendJson<ThreadSummary>('POST', '/api/threads', { title: t('importedHistory'), turns: old }).then((created) => {
      clearTurns();
      threads.reload();
      if (!props.threadId) location.hash = routeHash('ask', [created.id]);
    });
  }, []);

  useEffect(() => {
    const id = props.threadId;
    if (id === shown.current && id !== undefined) return;
    busy?.abort();
    shown.current = id;
    setLoadError(undefined);
    if (!id) {
      setThread(undefined);
      setTurns([]);
      const last = localStorage.getItem(lastThreadKey);
      if (last) replaceRoute(routeHash('ask', [last]));
      return;
    }
    getJson<Thread>(`/api/threads/${id}`)
      .then((loaded) => {
        if (shown.current !== id) return;
        localStorage.setItem(lastThreadKey, id);
        setThread(loaded);
        setTurns(loaded.items.map((item, index) => turnFromStored(item, index + 1)));
      })
      .catch((error: Error) => {
        forgetLastThread();
        setLoadError(error.message);
      });
  }, [props.threadId]);

  const update = (id: number, change: (turn: Turn) => Turn) => setTurns((current) => current.map((turn) => (turn.id === id ? change(turn) : turn)));

  /** Streams one answer into turn `id`, from `path` (ask or regenerate). */
  const stream = async (id: number, path: string, body: object) => {
    const controller = new AbortController();
    setBusy(controller);
    try {
      await streamEvents(
        path,
        { ...body, kb: kb || undefined, length, useLlm: useModel, explain: true },
        (event, data) => {
          if (event === 'token') update(id, (turn) => ({ ...turn, streamed: turn.streamed + (data as { text: string }).text }));
          if (event === 'done') {
            const done = data as AskResult & { thread: ThreadSummary };
            update(id, (turn) => ({ ...turn, status: 'done', result: done }));
            setThread(done.thread);
          }
          if (event === 'error') update(id, (turn) => ({ ...turn, status: 'error', error: (data as { error: { message: string } }).error.message }));
        },
        controller.signal,
      );
      update(id, (turn) => (turn.status === 'streaming' ? { ...turn, status: 'done' } : turn));
    } catch (error) {
      if (controller.signal.aborted) update(id, (turn) => ({ ...turn, status: 'stopped' }));
      else update(id, (turn) => ({ ...turn, status: 'error', error: (error as Error).message }));
    } finally {
      setBusy(undefined);
      threads.reload();
    }
  };

  const ask = async (question: string) => {
    if (!question.trim() || busy) return;
    let threadId = shown.current;
    if (!threadId) {
      try {
        const created = await sendJson<ThreadSummary>('POST', '/api/threads', { title: question.trim().split('\n')[0]?.slice(0, 120) });
        threadId = created.id;
        shown.current = threadId;
        localStorage.setItem(lastThreadKey, threadId);
        setThread(created);
        replaceRoute(routeHash('ask', [threadId]));
      } catch (error) {
        setLoadError((error as Error).message);
        return;
      }
    }
    const id = Math.max(0, ...turns.map((turn) => turn.id)) + 1;
    setTurns((current) => [...current, { id, question, streamed: '', status: 'streaming' }]);
    setDraft('');
    await stream(id, `/api/threads/${threadId}/ask/stream`, { question });
  };

  const regenerate = async () => {
    const last = turns.at(-1);
    if (!last || busy || !shown.current) return;
    update(last.id, (turn) => ({ id: turn.id, question: turn.question, streamed: '', status: 'streaming' }));
    await stream(last.id, `/api/threads/${shown.current}/regenerate/stream`, {});
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void ask(draft);
    }
  };
  const extractiveTurns = turns.some((turn) => turn.result?.mode === 'extractive');
  const modelTurns = turns.some((turn) => turn.result?.mode === 'llm');

  return (
    <section class="ask-layout">
      <ThreadsList threads={threads.data?.threads} current={props.threadId} open={drawer} onPick={() => setDrawer(false)} onNew={forgetLastThread} />
      <div class="ask">
        <ThreadBar
          thread={thread}
          drawerOpen={drawer}
          onToggleDrawer={() => setDrawer(!drawer)}
          onRename={async (title) => {
            if (!thread) return;
            setThread(await sendJson<ThreadSummary>('POST', `/api/threads/${thread.id}/rename`, { title }));
            threads.reload();
          }}
          onExport={() => thread && void downloadFile(`/api/threads/${thread.id}/export?lang=${language}`, `${thread.title}.md`)}
          onDelete={async () => {
            if (!thread) return;
            await sendJson('DELETE', `/api/threads/${thread.id}`);
            forgetLastThread();
            threads.reload();
            location.hash = routeHash('ask');
          }}
        />
        <div class="conversation" data-testid="conversation">
          {loadError && (
            <p class="error" role="alert">
              {t('error')}: {loadError}
            </p>
          )}
          {turns.length === 0 && !loadError && <p class="empty muted">{t('emptyChat')}</p>}
          {extractiveTurns && (
            <p class="thread-note muted small" data-testid="offline-note">
              {t('offlineNote')}
            </p>
          )}
          {!extractiveTurns && modelTurns && <p class="thread-note muted small">{t('modelContextNote')}</p>}
          {turns.map((turn, index) => (
            <AnswerCard
              key={turn.id}
              turn={turn}
              onAsk={(question) => void ask(question)}
              onRegenerate={index === turns.length - 1 && !busy && turn.status !== 'streaming' ? () => void regenerate() : undefined}
            />
          ))}
          {turns.length > 0 && !busy && (
            <a class="button ghost small clear-chat" href={routeHash('ask')} onClick={forgetLastThread} data-testid="clear-chat">
              + {t('newThread')}
            </a>
          )}
          <div ref={bottom} />
        </div>
        <form
          class="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void ask(draft);
          }}
        >
          <textarea
            data-testid="ask-input"
            value={draft}
            rows={2}
            placeholder={t('askPlaceholder')}
            onInput={(event) => setDraft((event.target as HTMLTextAreaElement).value)}
            onKeyDown={onKeyDown}
            aria-label={t('navAsk')}
          />
          <div class="composer-options">
            <select value={kb} onChange={(event) => setKb((event.target as HTMLSelectElement).value)} aria-label={t('navKbs')}>
              <option value="">{t('allKbs')}</option>
              {kbs.data?.kbs.map((item) => (
                <option key={item.name} value={item.name}>
                  {item.name}
                </option>
              ))}
            </select>
            <select value={length} onChange={(event) => setLength((event.target as HTMLSelectElement).value as 'brief' | 'full')} aria-label="length">
              <option value="brief">{t('brief')}</option>
              <option value="full">{t('full')}</option>
            </select>
            {status.data?.llm.configured && (
              <label class="check">
                <input type="checkbox" checked={useModel} onChange={(event) => setUseModel((event.target as HTMLInputElement).checked)} />
                {t('useModel')} ({status.data.llm.model})
              </label>
            )}
            {busy ? (
              <button type="button" onClick={() => busy.abort()} data-testid="ask-stop">
                {t('stop')}
              </button>
            ) : (
              <button type="submit" class="primary" data-testid="ask-send" disabled={!draft.trim()}>
                {t('send')}
              </button>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
