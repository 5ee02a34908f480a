// Ask: a chat over the knowledge bases. Answers stream in (SSE from /api/ask/stream) with clickable citations.
// The conversation is kept in localStorage (ask-history.ts): reloading or leaving the page keeps every turn.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, streamEvents } from '../api';
import { clearTurns, loadTurns, saveTurns } from '../ask-history';
import { AnswerCard, type Turn } from '../components/answer-card';
import { useI18n } from '../i18n';
import type { AskResult, KbSummary, Status } from '../types';
import { useApi } from '../use-api';

export function AskPage() {
  const { t } = useI18n();
  const [turns, setTurns] = useState<Turn[]>(loadTurns);
  const [draft, setDraft] = useState('');
  const [kb, setKb] = useState('');
  const [length, setLength] = useState<'brief' | 'full'>('brief');
  const [useModel, setUseModel] = useState(true);
  const [busy, setBusy] = useState<AbortController | undefined>();
  const status = useApi(() => getJson<Status>('/api/status'), 'status');
  const kbs = useApi(() => getJson<{ kbs: KbSummary[] }>('/api/kbs'), 'kbs');
  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [turns.length]);
  useEffect(() => {
    if (!busy) saveTurns(turns);
  }, [turns, busy]);

  const update = (id: number, change: (turn: Turn) => Turn) => setTurns((current) => current.map((turn) => (turn.id === id ? change(turn) : turn)));

  const ask = async (question: string) => {
    if (!question.trim() || busy) return;
    const id = Math.max(0, ...turns.map((turn) => turn.id)) + 1;
    setTurns((current) => [...current, { id, question, streamed: '', status: 'streaming' }]);
    setDraft('');
    const controller = new AbortController();
    setBusy(controller);
    try {
      await streamEvents(
        '/api/ask/stream',
        { question, kb: kb || undefined, length, useLlm: useModel, explain: true },
        (event, data) => {
          if (event === 'token') update(id, (turn) => ({ ...turn, streamed: turn.streamed + (data as { text: string }).text }));
          if (event === 'done') update(id, (turn) => ({ ...turn, status: 'done', result: data as AskResult }));
          if (event === 'error') update(id, (turn) => ({ ...turn, status: 'error', error: (data as { error: { message: string } }).error.message }));
        },
        controller.signal,
      );
      update(id, (turn) => (turn.status === 'streaming' ? { ...turn, status: 'done' } : turn));
    } catch (error) {
      update(id, (turn) => ({ ...turn, status: 'error', error: (error as Error).message }));
    } finally {
      setBusy(undefined);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void ask(draft);
    }
  };

  return (
    <section class="ask">
      <div class="conversation" data-testid="conversation">
        {turns.length === 0 && <p class="empty muted">{t('emptyChat')}</p>}
        {turns.map((turn) => (
          <AnswerCard key={turn.id} turn={turn} onAsk={(question) => void ask(question)} />
        ))}
        {turns.length > 0 && !busy && (
          <button
            type="button"
            class="ghost small clear-chat"
            data-testid="clear-chat"
            onClick={() => {
              clearTurns();
              setTurns([]);
            }}
          >
            {t('clearChat')}
          </button>
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
            <button type="button" onClick={() => busy.abort()}>
              {t('stop')}
            </button>
          ) : (
            <button type="submit" class="primary" data-testid="ask-send" disabled={!draft.trim()}>
              {t('send')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
