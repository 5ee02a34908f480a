// A mock interview's report, as shown at the end of a mock and again from the history: the mean score, then per
// question (follow-ups indented) the user's answer, the score, the missed points, the wrong claims with their
// corrections, and the reference answer (folded); the weakest topics and what to review next.
import { MarkdownView } from '../components/markdown-view';
import { WrongClaims } from '../components/wrong-claims';
import { type Language, useI18n } from '../i18n';
import type { MockReport } from '../types';

export function MockReportView(props: { report: MockReport; historyId?: string | undefined; language: Language }) {
  const { t } = useI18n();
  const { report } = props;
  return (
    <div class="mock-report" data-testid="mock-report">
      <h2>{t('report')}</h2>
      <p class="score">
        <span class="score-value" data-testid="mock-mean">
          {report.meanScore?.toFixed(1) ?? '–'}
        </span>{' '}
        <span class="muted">
          / 5 · {t('averageScore')} · {new Date(report.startedAt).toLocaleString(props.language === 'zh' ? 'zh-CN' : 'en')}
        </span>
      </p>
      <ol class="report-rows">
        {report.rows.map((row, index) => (
          <li key={`${row.id}-${index}`} class={`report-row ${row.kind === 'follow-up' ? 'follow-up' : ''}`} data-testid="mock-report-row" data-kind={row.kind}>
            <div class="row spread">
              <h3>
                {row.kind === 'follow-up' && <span class="chip follow-up-chip">{t('followUp')}</span>}{' '}
                <a href={`#/bank/${encodeURIComponent(row.id)}`}>{row.question}</a>
              </h3>
              <span class="report-score">{row.skipped ? t('skip') : `${row.score?.toFixed(1) ?? '–'} / 5`}</span>
            </div>
            <p class="muted small">
              {row.topic} · {row.time}
            </p>
            <h4>{t('yourAnswerShown')}</h4>
            <p class="user-answer" data-testid="mock-user-answer">
              {row.answer ?? t('notAnswered')}
            </p>
            {row.missed.length > 0 && (
              <>
                <h4>{t('missed')}</h4>
                <ul class="missed">
                  {row.missed.map((point) => (
                    <li key={point}>✗ {point}</li>
                  ))}
                </ul>
              </>
            )}
            <WrongClaims claims={row.misconceptions} testId="mock-claims" />
            <details class="reference" data-testid="mock-reference">
              <summary>{t('referenceAnswer')}</summary>
              <MarkdownView source={row.reference} />
            </details>
          </li>
        ))}
      </ol>
      {report.weakTopics.length > 0 && (
        <p class="muted">
          {t('topic')}: {report.weakTopics.map((topic) => `${topic.topic} ${topic.meanScore.toFixed(1)}`).join(' · ')}
        </p>
      )}
      {props.historyId && (
        <p class="small">
          <a href={`#/practice/history/${encodeURIComponent(props.historyId)}`} data-testid="mock-permalink">
            {t('mockHistory')}
          </a>
        </p>
      )}
    </div>
  );
}
