// The mock interview: n questions drawn at random (weighted toward weak topics) against a timer; each answer is
// recorded as it is given (the reference stays hidden, as in a real interview), a missed point can bring one follow-up,
// and the report shows answers, references, missed points and wrong claims. Ctrl/⌘+Enter submits.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, sendJson } from '../api';
import { ShortcutLegend } from '../components/shortcut-legend';
import { clock } from '../format';
import { pick, pickTopic, useI18n } from '../i18n';
import type { MockFollowUp, MockReport as MockReportData, PracticeQuestion } from '../types';
import { useApi } from '../use-api';
import { MockReportView } from './mock-report-view';

interface Asked {
  id: string;
  /** The question as shown (a follow-up's own text). */
  text: string;
  topic: PracticeQuestion['topic'];
  followUp?: MockFollowUp;
}

interface Answered {
  asked: Asked;
  answer?: string;
  skipped: boolean;
  durationMs: number;
}

export function MockInterview() {
  const { t, language } = useI18n();
  const [count, setCount] = useState(5);
  const [minutes, setMinutes] = useState(15);
  const [followUps, setFollowUps] = useState(true);
  const [questions, setQuestions] = useState<PracticeQuestion[] | undefined>();
  const [answers, setAnswers] = useState<Answered[]>([]);
  const [pending, setPending] = useState<Asked | undefined>();
  const [draft, setDraft] = useState('');
  const [endsAt, setEndsAt] = useState(0);
  const [startedAt, setStartedAt] = useState(0);
  const [shownAt, setShownAt] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [finished, setFinished] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  /** The draft as typed, read by the key handler (a key can arrive before the re-render). */
  const typed = useRef('');

  useEffect(() => {
    if (!questions || finished) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [questions, finished]);
  useEffect(() => {
    if (questions && !finished && now >= endsAt) setFinished(true);
  }, [now, endsAt, questions, finished]);

  const start = async () => {
    try {
      const result = await getJson<{ questions: PracticeQuestion[] }>('/api/mock/questions', { n: count });
      setQuestions(result.questions);
      setAnswers([]);
      setPending(undefined);
      setFinished(false);
      setEndsAt(Date.now() + minutes * 60_000);
      setStartedAt(Date.now());
      setShownAt(Date.now());
      setNow(Date.now());
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const mainAsked = answers.filter((entry) => !entry.asked.followUp).length;
  const main = questions?.[mainAsked];
  const current: Asked | undefined = pending ?? (main ? { id: main.id, text: pick(main.question, language), topic: main.topic } : undefined);
  const submit = async (skipped: boolean) => {
    if (!current || busy) return;
    setBusy(true);
    try {
      const answer = typed.current;
      const durationMs = Date.now() - shownAt;
      const answered = !skipped && answer.trim().length > 0;
      // Main questions and related follow-ups are real bank questions: schedule them; a point follow-up is not.
      if (answered && current.followUp?.source !== 'template') await sendJson('POST', '/api/drill/record', { id: current.id, answer, language, durationMs });
      let next: Asked | undefined;
      if (answered && followUps && !current.followUp) {
        const { followUp } = await sendJson<{ followUp: MockFollowUp | null }>('POST', '/api/mock/follow-up', { id: current.id, answer, language });
        if (followUp) next = { id: followUp.id, text: followUp.question, topic: current.topic, followUp };
      }
      const all = [...answers, { asked: current, ...(answered ? { answer } : {}), skipped: !answered, durationMs }];
      setAnswers(all);
      setPending(next);
      typed.current = '';
      setDraft('');
      setShownAt(Date.now());
      if (!next && all.filter((entry) => !entry.asked.followUp).length === questions?.length) setFinished(true);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || !current || finished) return;
      event.preventDefault();
      void submit(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (error) return <p class="error">{error}</p>;
  if (!questions)
    return (
      <div class="mock-setup" data-testid="mock-setup">
        <label>
          {t('questionCount')}
          <select data-testid="mock-count" value={count} onChange={(event) => setCount(Number((event.target as HTMLSelectElement).value))}>
            {[3, 5, 8, 10].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('minutes')}
          <select value={minutes} onChange={(event) => setMinutes(Number((event.target as HTMLSelectElement).value))}>
            {[5, 10, 15, 20, 30, 45].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label class="inline-check">
          <input type="checkbox" checked={followUps} onChange={() => setFollowUps(!followUps)} data-testid="mock-follow-ups" />
          {t('mockFollowUps')}
        </label>
        <button type="button" class="primary" onClick={start} data-testid="mock-start">
          {t('startMock')}
        </button>
      </div>
    );
  if (finished || !current)
    return <MockReport answers={answers} total={questions.length} asked={mainAsked} minutes={minutes} startedAt={startedAt} timedOut={now >= endsAt} />;
  return (
    <div class="mock" data-testid="mock" data-id={current.id}>
      <div class="row spread">
        <span class="muted" data-testid="mock-position">
          {mainAsked + (current.followUp ? 0 : 1)}/{questions.length} · {pickTopic(current.topic, language)}
          {current.followUp ? ` · ${t('followUp')}` : ''}
        </span>
        <span class={`timer ${endsAt - now < 60_000 ? 'warn' : ''}`} data-testid="mock-timer">
          {t('timeLeft')} {clock(endsAt - now)}
        </span>
      </div>
      {current.followUp && <span class="chip follow-up-chip">{t('followUp')}</span>}
      <h2 class="drill-question" data-testid="mock-question">
        {current.text}
      </h2>
      <textarea
        rows={8}
        value={draft}
        aria-label={t('yourAnswer')}
        onInput={(event) => {
          typed.current = (event.target as HTMLTextAreaElement).value;
          setDraft(typed.current);
        }}
        placeholder={t('mockAnswerPlaceholder')}
        data-testid="mock-answer"
      />
      <div class="row">
        <button type="button" class="primary" disabled={busy} onClick={() => submit(false)} data-testid="mock-next">
          {t('mockSubmit')}
        </button>
        <button type="button" class="ghost" disabled={busy} onClick={() => submit(true)} data-testid="mock-skip">
          {t('skip')}
        </button>
        <button type="button" class="ghost" onClick={() => setFinished(true)} data-testid="mock-finish">
          {t('finish')}
        </button>
      </div>
      <ShortcutLegend keys={[{ key: 'Ctrl/⌘+Enter', label: 'keyGrade' }]} />
    </div>
  );
}

function MockReport(props: { answers: Answered[]; total: number; asked: number; minutes: number; startedAt: number; timedOut: boolean }) {
  const { t, language } = useI18n();
  const report = useApi(
    () =>
      sendJson<MockReportData & { id: string }>('POST', '/api/mock/report', {
        language,
        minutes: props.minutes,
        startedAt: new Date(props.startedAt).toISOString(),
        timedOut: props.timedOut,
        unasked: props.total - props.asked,
        entries: props.answers.map(({ asked, answer, skipped, durationMs }) => ({
          id: asked.id,
          answer,
          skipped,
          durationMs,
          kind: asked.followUp ? 'follow-up' : 'main',
          ...(asked.followUp?.point !== null && asked.followUp?.point !== undefined ? { point: asked.followUp.point, question: asked.text } : {}),
        })),
      }),
    // Once per finished mock: the report is stored, so switching the language must not store it again.
    `report-${props.startedAt}`,
  );
  if (report.error) return <p class="error">{report.error}</p>;
  if (!report.data) return <p class="muted">{t('loading')}</p>;
  return <MockReportView report={report.data} historyId={report.data.id} language={language} />;
}
