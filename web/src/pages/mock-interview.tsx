// The mock interview: n questions weighted toward weak topics against a timer; each answer is recorded as it is
// given (the reference stays hidden, as in a real interview) and the report shows scores, missed points, weak topics.
import { useEffect, useState } from 'preact/hooks';
import { getJson, sendJson } from '../api';
import { clock } from '../format';
import { pick, useI18n } from '../i18n';
import type { MockReport as MockReportData, PracticeQuestion } from '../types';
import { useApi } from '../use-api';

interface Answered {
  question: PracticeQuestion;
  answer?: string;
  skipped: boolean;
  durationMs: number;
}

export function MockInterview() {
  const { t, language } = useI18n();
  const [count, setCount] = useState(5);
  const [minutes, setMinutes] = useState(15);
  const [questions, setQuestions] = useState<PracticeQuestion[] | undefined>();
  const [answers, setAnswers] = useState<Answered[]>([]);
  const [draft, setDraft] = useState('');
  const [endsAt, setEndsAt] = useState(0);
  const [startedAt, setStartedAt] = useState(0);
  const [shownAt, setShownAt] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [finished, setFinished] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

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
      setFinished(false);
      setEndsAt(Date.now() + minutes * 60_000);
      setStartedAt(Date.now());
      setShownAt(Date.now());
      setNow(Date.now());
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const current = questions?.[answers.length];
  const submit = async (skipped: boolean) => {
    if (!current || busy) return;
    setBusy(true);
    try {
      const durationMs = Date.now() - shownAt;
      if (!skipped) await sendJson('POST', '/api/drill/record', { id: current.id, answer: draft, language, durationMs });
      const next = [...answers, { question: current, ...(skipped ? {} : { answer: draft }), skipped, durationMs }];
      setAnswers(next);
      setDraft('');
      setShownAt(Date.now());
      if (next.length === questions?.length) setFinished(true);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (error) return <p class="error">{error}</p>;
  if (!questions)
    return (
      <div class="mock-setup">
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
        <button type="button" class="primary" onClick={start} data-testid="mock-start">
          {t('startMock')}
        </button>
      </div>
    );
  if (finished || !current) return <MockReport answers={answers} total={questions.length} minutes={minutes} startedAt={startedAt} timedOut={now >= endsAt} />;
  return (
    <div class="mock" data-testid="mock">
      <div class="row spread">
        <span class="muted">
          {answers.length + 1}/{questions.length} · {pick(current.topic, language)}
        </span>
        <span class={`timer ${endsAt - now < 60_000 ? 'warn' : ''}`} data-testid="mock-timer">
          {t('timeLeft')} {clock(endsAt - now)}
        </span>
      </div>
      <h2 class="drill-question">{pick(current.question, language)}</h2>
      <textarea
        rows={8}
        value={draft}
        onInput={(event) => setDraft((event.target as HTMLTextAreaElement).value)}
        placeholder={t('yourAnswer')}
        data-testid="mock-answer"
      />
      <div class="row">
        <button type="button" class="primary" disabled={busy} onClick={() => submit(false)} data-testid="mock-next">
          {t('nextQuestion')}
        </button>
        <button type="button" class="ghost" disabled={busy} onClick={() => submit(true)}>
          {t('skip')}
        </button>
        <button type="button" class="ghost" onClick={() => setFinished(true)}>
          {t('finish')}
        </button>
      </div>
    </div>
  );
}

function MockReport(props: { answers: Answered[]; total: number; minutes: number; startedAt: number; timedOut: boolean }) {
  const { t, language } = useI18n();
  const report = useApi(
    () =>
      sendJson<MockReportData>('POST', '/api/mock/report', {
        language,
        minutes: props.minutes,
        startedAt: new Date(props.startedAt).toISOString(),
        timedOut: props.timedOut,
        unasked: props.total - props.answers.length,
        entries: props.answers.map((answer) => ({ id: answer.question.id, answer: answer.answer, skipped: answer.skipped, durationMs: answer.durationMs })),
      }),
    `report-${props.startedAt}-${language}`,
  );
  if (report.error) return <p class="error">{report.error}</p>;
  if (!report.data) return <p class="muted">{t('loading')}</p>;
  const data = report.data;
  return (
    <div class="mock-report" data-testid="mock-report">
      <h2>{t('report')}</h2>
      <p class="score">
        <span class="score-value">{data.meanScore?.toFixed(1) ?? '–'}</span> <span class="muted">/ 5 · {t('averageScore')}</span>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('navBank')}</th>
              <th>{t('topic')}</th>
              <th>{t('score')}</th>
              <th>{t('missed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td class="label">
                  <a href={`#/bank/${encodeURIComponent(row.id)}`}>{row.question}</a>
                </td>
                <td>{row.topic}</td>
                <td>{row.skipped ? t('skip') : `${row.score?.toFixed(1) ?? '–'} / 5`}</td>
                <td class="small">{row.missed.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.weakTopics.length > 0 && (
        <p class="muted">
          {t('topic')}: {data.weakTopics.map((topic) => `${topic.topic} ${topic.meanScore.toFixed(1)}`).join(' · ')}
        </p>
      )}
    </div>
  );
}
