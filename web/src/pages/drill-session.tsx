// One drill session: questions from /api/drill/next within the set-up (topics, count, new at most), answered, graded,
// rated on buttons that show the next interval, with hints one key point at a time and undo of the last rating.
// Keyboard: Ctrl/⌘+Enter grades, H hint, S skip, 1-4 rate, N or Enter next, U undo (all shown in the legend).
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, sendJson } from '../api';
import { GradeView } from '../components/grade-view';
import { RatingButtons, ratingOrder } from '../components/rating-buttons';
import { ShortcutLegend } from '../components/shortcut-legend';
import { pick, pickTopic, type Translate, useI18n } from '../i18n';
import type { Grade, PracticeQuestion, ProgressStats, QuestionItem, Rating, Recorded } from '../types';
import type { DrillSettings } from './drill-setup';

interface Turn {
  question: PracticeQuestion;
  answer: string;
  hintsUsed: number;
  graded?: { grade: Grade; item: QuestionItem } | undefined;
  recorded?: Recorded | undefined;
}

type Tally = Record<Rating, number> & { fresh: number };
const emptyTally: Tally = { again: 0, hard: 0, good: 0, easy: 0, fresh: 0 };

export function DrillSession(props: { settings: DrillSettings; firstId?: string | undefined; onSetup: () => void }) {
  const { t, language } = useI18n();
  const [turn, setTurn] = useState<Turn | null | undefined>();
  const [asked, setAsked] = useState<string[]>([]);
  const [tally, setTally] = useState<Tally>(emptyTally);
  const [previous, setPrevious] = useState<{ turn: Turn; tally: Tally } | undefined>();
  const [due, setDue] = useState<number | undefined>();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [startedAt, setStartedAt] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  /** The answer as typed, read by the handlers: keys can arrive before the re-render that updates their closures. */
  const typed = useRef('');
  const answerBox = useRef<HTMLTextAreaElement>(null);
  const rated = tally.again + tally.hard + tally.good + tally.easy;

  const refreshDue = () =>
    getJson<ProgressStats>('/api/stats')
      .then((stats) => setDue(stats.totals.due))
      .catch((failure: Error) => setError(failure.message));
  const show = (next: Turn | null) => {
    typed.current = next?.answer ?? '';
    setTurn(next);
    setStartedAt(Date.now());
  };
  const load = async (options: { id?: string | undefined; skip: string[]; tally: Tally }) => {
    try {
      setError('');
      setNotice('');
      const done = options.tally.again + options.tally.hard + options.tally.good + options.tally.easy;
      if (!options.id && done >= props.settings.count) return show(null);
      const kind = options.tally.fresh >= props.settings.newLimit ? 'due' : 'any';
      const next = await getJson<{ question: PracticeQuestion | null }>('/api/drill/next', {
        id: options.id,
        skip: options.skip.join(','),
        topics: props.settings.topics.join(','),
        kind,
      });
      if (next.question) setAsked([...options.skip, next.question.id]);
      show(next.question ? { question: next.question, answer: '', hintsUsed: 0 } : null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const restart = () => {
    setTally(emptyTally);
    setPrevious(undefined);
    setAsked([]);
    void load({ id: props.firstId, skip: [], tally: emptyTally });
  };
  useEffect(() => {
    void refreshDue();
    restart();
  }, [props.firstId, props.settings]);

  const update = (change: Partial<Turn>) => turn && setTurn({ ...turn, ...change });
  const grade = async () => {
    if (!turn || turn.graded || busy) return;
    setBusy(true);
    try {
      const body = { id: turn.question.id, answer: typed.current, hintsUsed: turn.hintsUsed, language };
      const graded = await sendJson<{ grade: Grade; item: QuestionItem }>('POST', '/api/drill/grade', body);
      setTurn({ ...turn, answer: typed.current, graded });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const rate = async (rating: Rating) => {
    if (!turn?.graded || turn.recorded || busy) return;
    setBusy(true);
    try {
      const body = { id: turn.question.id, answer: turn.answer, hintsUsed: turn.hintsUsed, language, rating, durationMs: Date.now() - startedAt };
      const recorded = await sendJson<Recorded>('POST', '/api/drill/record', body);
      const wasNew = (turn.question.card?.state ?? 'new') === 'new';
      setPrevious({ turn, tally });
      setTally({ ...tally, [recorded.rating]: tally[recorded.rating] + 1, fresh: tally.fresh + (wasNew ? 1 : 0) });
      setTurn({ ...turn, recorded });
      setNotice('');
      void refreshDue();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const next = () => {
    if (turn === undefined || busy) return;
    if (turn && !turn.recorded && turn.graded) return;
    void load({ skip: asked, tally });
  };
  const skip = () => {
    if (!turn || turn.graded) return;
    void load({ skip: asked, tally });
  };
  // From the latest state, not this render's: two quick presses of H are two hints even when the second arrives
  // before the key listener of the new render is in place.
  const hint = () =>
    setTurn((current) =>
      current && !current.graded && current.hintsUsed < current.question.hints.length
        ? { ...current, hintsUsed: current.hintsUsed + 1, answer: typed.current }
        : current,
    );
  const undo = async () => {
    if (!previous || busy) return;
    setBusy(true);
    try {
      await sendJson('POST', '/api/drill/undo', {});
      // Back to the rated question, graded but unrated; a question shown since then is no longer "asked".
      const back = previous.turn;
      const position = asked.lastIndexOf(back.question.id);
      setAsked(asked.slice(0, position + 1));
      setTally(previous.tally);
      setPrevious(undefined);
      show({ ...back, recorded: undefined });
      setNotice(t('undone'));
      void refreshDue();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // A new question puts the cursor in the answer box; Esc leaves it so that the letter keys work.
  const shownId = turn ? turn.question.id : undefined;
  useEffect(() => {
    if (shownId) answerBox.current?.focus();
  }, [shownId]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT';
      if (typing && event.key === 'Escape') {
        target.blur();
        return;
      }
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        if (turn && !turn.graded) void grade();
        else if (turn?.recorded) next();
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const key = event.key.toLowerCase();
      const index = ['1', '2', '3', '4'].indexOf(key);
      const capped = (turn?.hintsUsed ?? 0) > 0 && index > 1;
      if (index >= 0 && turn?.graded && !turn.recorded && !capped) void rate(ratingOrder[index] as Rating);
      else if ((key === 'n' || (key === 'enter' && target.tagName !== 'BUTTON')) && (turn?.recorded || turn === null)) next();
      else if (key === 's' && turn && !turn.graded) skip();
      else if (key === 'h' && turn && !turn.graded) hint();
      else if (key === 'u' && previous) void undo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const header = (
    <div class="muted small drill-meta">
      {t('sessionProgress')} {Math.min(rated + (turn && !turn.recorded ? 1 : 0), props.settings.count)}/{props.settings.count} · {t('dueNow')}{' '}
      <span data-testid="practice-due">{due ?? '–'}</span>
      {' · '}
      <button type="button" class="link" onClick={props.onSetup} data-testid="drill-change-setup">
        {t('changeSetup')}
      </button>
    </div>
  );
  if (error) return <p class="error">{error}</p>;
  if (turn === undefined) return <p class="muted">{t('loading')}</p>;
  if (turn === null)
    return (
      <div class="drill drill-summary" data-testid="drill-summary">
        {header}
        <h2>{t('sessionDone')}</h2>
        {rated < props.settings.count && <p class="muted">{t('sessionEmpty')}</p>}
        <p class="summary-tally">
          {ratingOrder.map((rating) => (
            <span key={rating} class={`chip rating-${rating}`}>
              {t(rating)} {tally[rating]}
            </span>
          ))}
        </p>
        {previous && (
          <button type="button" class="ghost" onClick={undo} data-testid="drill-undo">
            {t('undo')} <kbd>U</kbd>
          </button>
        )}
        <div class="row">
          <button type="button" class="primary" onClick={restart}>
            {t('againRound')}
          </button>
          <button type="button" onClick={props.onSetup}>
            {t('changeSetup')}
          </button>
        </div>
      </div>
    );
  const { question, graded, recorded } = turn;
  return (
    <div class="drill" data-testid="drill" data-id={question.id}>
      {header}
      <p class="muted small">
        {pickTopic(question.topic, language)} · {cardStateLabel(question.card?.state, t)}
        {question.difficulty ? ` · ${'★'.repeat(question.difficulty)}` : ''}
      </p>
      <h2 class="drill-question" data-testid="drill-question">
        {pick(question.question, language)}
      </h2>
      {turn.hintsUsed > 0 && (
        <ol class="hints" data-testid="hints">
          {question.hints.slice(0, turn.hintsUsed).map((entry) => (
            <li key={entry.zh}>{entry[language] || entry.zh}</li>
          ))}
        </ol>
      )}
      <textarea
        ref={answerBox}
        data-testid="drill-answer"
        aria-label={t('yourAnswer')}
        rows={7}
        value={turn.answer}
        disabled={graded !== undefined}
        placeholder={t('yourAnswer')}
        onInput={(event) => {
          typed.current = (event.target as HTMLTextAreaElement).value;
          update({ answer: typed.current });
        }}
      />
      {!graded && (
        <div class="row">
          <button type="button" class="primary" onClick={grade} disabled={busy} data-testid="drill-grade">
            {t('submit')}
          </button>
          <button type="button" onClick={hint} disabled={turn.hintsUsed >= question.hints.length} data-testid="drill-hint">
            {t('hintNext')} {turn.hintsUsed}/{question.hints.length}
          </button>
          <button type="button" class="ghost" onClick={skip} data-testid="drill-skip">
            {t('skip')}
          </button>
        </div>
      )}
      {notice && (
        <p class="notice" role="status" data-testid="drill-notice">
          {notice}
        </p>
      )}
      {graded && <GradeView grade={graded.grade} item={graded.item} />}
      {graded && !recorded && (
        <RatingButtons
          intervals={question.intervals}
          suggested={graded.grade.rating}
          cap={turn.hintsUsed > 0 ? 'hard' : undefined}
          onRate={(rating) => void rate(rating)}
        />
      )}
      {recorded && (
        <div class="row recorded" data-testid="recorded">
          <span>
            {t(recorded.rating)} · {t('nextReview')} {new Date(recorded.due).toLocaleString(language === 'zh' ? 'zh-CN' : 'en')}
          </span>
          <span class="row">
            <button type="button" class="ghost" onClick={undo} data-testid="drill-undo">
              {t('undo')} <kbd>U</kbd>
            </button>
            <button type="button" class="primary" onClick={next} data-testid="drill-next">
              {t('nextQuestion')} <kbd>N</kbd>
            </button>
          </span>
        </div>
      )}
      {!graded && previous && (
        <button type="button" class="ghost undo-previous" onClick={undo} data-testid="drill-undo">
          {t('undo')} <kbd>U</kbd>
        </button>
      )}
      <ShortcutLegend
        keys={[
          { key: 'Ctrl/⌘+Enter', label: 'keyGrade' },
          { key: 'Esc', label: 'keyLeave' },
          { key: 'H', label: 'keyHint' },
          { key: 'S', label: 'keySkip' },
          { key: '1–4', label: 'keyRate' },
          { key: 'U', label: 'keyUndo' },
          { key: 'N', label: 'keyNext' },
        ]}
      />
    </div>
  );
}

/** FSRS card states as people read them (the API's codes are new / learning / review / relearning). */
export function cardStateLabel(state: string | undefined, t: Translate): string {
  if (state === 'learning') return t('cardLearning');
  if (state === 'review') return t('cardReview');
  if (state === 'relearning') return t('cardRelearning');
  return t('cardNew');
}
