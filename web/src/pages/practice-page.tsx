// Practice: the drill (answer, grade with covered/missed points and the reference, rate 1-4, next) and the mock
// interview. Keyboard: Ctrl+Enter grades, 1-4 rate, N next, S skip, H hint.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, sendJson } from '../api';
import { GradeView } from '../components/grade-view';
import { pick, type StringKey, type Translate, useI18n } from '../i18n';
import type { Grade, PracticeQuestion, QuestionItem, Rating, Recorded } from '../types';
import { navigate } from '../use-hash-route';
import { MockInterview } from './mock-interview';

const ratingKeys: { rating: Rating; label: StringKey }[] = [
  { rating: 'again', label: 'again' },
  { rating: 'hard', label: 'hard' },
  { rating: 'good', label: 'good' },
  { rating: 'easy', label: 'easy' },
];

export function PracticePage(props: { mode: 'drill' | 'mock'; questionId?: string | undefined }) {
  const { t } = useI18n();
  return (
    <section class="practice">
      <nav class="tabs">
        <button type="button" class={props.mode === 'drill' ? 'active' : ''} onClick={() => navigate('practice', 'drill')}>
          {t('drill')}
        </button>
        <button type="button" class={props.mode === 'mock' ? 'active' : ''} onClick={() => navigate('practice', 'mock')} data-testid="mock-tab">
          {t('mock')}
        </button>
      </nav>
      {props.mode === 'drill' ? <Drill questionId={props.questionId} /> : <MockInterview />}
    </section>
  );
}

function Drill(props: { questionId?: string | undefined }) {
  const { t, language } = useI18n();
  const [question, setQuestion] = useState<PracticeQuestion | null | undefined>();
  const [counts, setCounts] = useState({ due: 0, fresh: 0 });
  const [skipped, setSkipped] = useState<string[]>([]);
  const [answer, setAnswer] = useState('');
  const [hinted, setHinted] = useState(false);
  const [graded, setGraded] = useState<{ grade: Grade; item: QuestionItem } | undefined>();
  const [recorded, setRecorded] = useState<Recorded | undefined>();
  const [error, setError] = useState('');
  const [startedAt, setStartedAt] = useState(Date.now());
  /** The answer as typed, read by the handlers: keys can arrive before the re-render that updates their closures. */
  const typed = useRef('');
  const setTyped = (value: string) => {
    typed.current = value;
    setAnswer(value);
  };

  const load = async (id?: string, skip = skipped) => {
    try {
      setError('');
      const next = await getJson<{ question: PracticeQuestion | null; due: number; fresh: number }>('/api/drill/next', { id, skip: skip.join(',') });
      setQuestion(next.question);
      setCounts({ due: next.due, fresh: next.fresh });
      setTyped('');
      setHinted(false);
      setGraded(undefined);
      setRecorded(undefined);
      setStartedAt(Date.now());
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  useEffect(() => void load(props.questionId), [props.questionId]);

  const grade = async () => {
    if (!question || graded) return;
    try {
      setGraded(await sendJson<{ grade: Grade; item: QuestionItem }>('POST', '/api/drill/grade', { id: question.id, answer: typed.current, hinted, language }));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const rate = async (rating: Rating) => {
    if (!question || !graded || recorded) return;
    try {
      const body = { id: question.id, answer: typed.current, hinted, language, rating, durationMs: Date.now() - startedAt };
      setRecorded(await sendJson<Recorded>('POST', '/api/drill/record', body));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const skip = () => {
    if (!question) return;
    const next = [...skipped, question.id];
    setSkipped(next);
    void load(undefined, next);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = (event.target as HTMLElement).tagName === 'TEXTAREA' || (event.target as HTMLElement).tagName === 'INPUT';
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void grade();
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      const index = ['1', '2', '3', '4'].indexOf(event.key);
      const chosen = ratingKeys[index];
      if (chosen && graded && !recorded) void rate(chosen.rating);
      else if ((event.key === 'n' || event.key === 'N') && (recorded || !graded)) void load(undefined);
      else if ((event.key === 's' || event.key === 'S') && !graded) skip();
      else if ((event.key === 'h' || event.key === 'H') && !graded) setHinted(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (error) return <p class="error">{error}</p>;
  if (question === undefined) return <p class="muted">{t('loading')}</p>;
  if (question === null) return <p class="muted">{t('noReviews')}</p>;
  return (
    <div class="drill" data-testid="drill" data-id={question.id}>
      <p class="muted small">
        {pick(question.topic, language)} · {cardStateLabel(question.card?.state, t)}
        {question.difficulty ? ` · ${'★'.repeat(question.difficulty)}` : ''} · {t('dueToday')} {counts.due}
      </p>
      <h2 class="drill-question" data-testid="drill-question">
        {pick(question.question, language)}
      </h2>
      {hinted && question.hints.length > 0 && (
        <ul class="hints">
          {question.hints.map((hint) => (
            <li key={hint.zh}>{hint[language] || hint.zh}</li>
          ))}
        </ul>
      )}
      <textarea
        data-testid="drill-answer"
        rows={7}
        value={answer}
        disabled={graded !== undefined}
        placeholder={t('yourAnswer')}
        onInput={(event) => setTyped((event.target as HTMLTextAreaElement).value)}
      />
      {!graded && (
        <div class="row">
          <button type="button" class="primary" onClick={grade} data-testid="drill-grade">
            {t('submit')}
          </button>
          <button type="button" onClick={() => setHinted(true)} disabled={hinted}>
            {t('hint')}
          </button>
          <button type="button" class="ghost" onClick={skip}>
            {t('skip')}
          </button>
        </div>
      )}
      {graded && <GradeView grade={graded.grade} item={graded.item} />}
      {graded && !recorded && (
        <div class="ratings">
          <p class="muted small">{t('rateRecall')}</p>
          <div class="row">
            {ratingKeys.map((entry, index) => (
              <button
                key={entry.rating}
                type="button"
                class={`rating rating-${entry.rating} ${graded.grade.rating === entry.rating ? 'suggested' : ''}`}
                onClick={() => rate(entry.rating)}
                data-testid={`rate-${entry.rating}`}
              >
                <kbd>{index + 1}</kbd> {t(entry.label)}
                {graded.grade.rating === entry.rating ? ` (${t('suggested')})` : ''}
              </button>
            ))}
          </div>
        </div>
      )}
      {recorded && (
        <div class="row recorded" data-testid="recorded">
          <span>
            {t('saved')} {new Date(recorded.due).toLocaleString()} ({t(recorded.rating)})
          </span>
          <button type="button" class="primary" onClick={() => load(undefined)} data-testid="drill-next">
            {t('nextQuestion')} <kbd>N</kbd>
          </button>
        </div>
      )}
      <p class="muted small">{t('shortcuts')}</p>
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
