// Past mock interviews, newest first, each opening its stored report at #/practice/history/<id> (a shareable link).
import { getJson } from '../api';
import { useI18n } from '../i18n';
import type { MockHistoryEntry, MockReport } from '../types';
import { useApi } from '../use-api';
import { MockReportView } from './mock-report-view';

export function MockHistory(props: { selected?: string | undefined }) {
  const { t, language } = useI18n();
  const list = useApi(() => getJson<{ mocks: MockHistoryEntry[] }>('/api/mock/history'), 'mock-history');
  if (props.selected) return <OneMock id={props.selected} />;
  if (list.error) return <p class="error">{list.error}</p>;
  if (!list.data) return <p class="muted">{t('loading')}</p>;
  if (list.data.mocks.length === 0) return <p class="muted">{t('mockHistoryEmpty')}</p>;
  const locale = language === 'zh' ? 'zh-CN' : 'en';
  return (
    <div class="table-wrap">
      <table class="mock-history" data-testid="mock-history">
        <thead>
          <tr>
            <th>{t('whenAsked')}</th>
            <th>{t('questionCount')}</th>
            <th>{t('averageScore')}</th>
            <th>{t('report')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.mocks.map((mock) => (
            <tr key={mock.id} data-testid="mock-history-row">
              <td>{new Date(mock.createdAt).toLocaleString(locale)}</td>
              <td>{mock.questions}</td>
              <td>{mock.meanScore === null ? '–' : `${mock.meanScore.toFixed(1)} / 5`}</td>
              <td>
                {mock.hasReport ? (
                  <a href={`#/practice/history/${encodeURIComponent(mock.id)}`}>{t('viewReport')}</a>
                ) : (
                  <span class="muted small">{t('mockNoReport')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OneMock(props: { id: string }) {
  const { t, language } = useI18n();
  const mock = useApi(() => getJson<MockHistoryEntry & { report: MockReport | null }>(`/api/mock/history/${encodeURIComponent(props.id)}`), `mock-${props.id}`);
  return (
    <div class="mock-one">
      <p>
        <a href="#/practice/history" data-testid="mock-history-back">
          ← {t('backToHistory')}
        </a>
      </p>
      {mock.error && <p class="error">{mock.error}</p>}
      {!mock.data && !mock.error && <p class="muted">{t('loading')}</p>}
      {mock.data && (mock.data.report ? <MockReportView report={mock.data.report} language={language} /> : <p class="muted">{t('mockNoReport')}</p>)}
    </div>
  );
}
