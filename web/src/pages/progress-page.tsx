// Progress: totals, mastery per topic, the 14-day due forecast and reviews per day, as inline SVG charts.
import { getJson } from '../api';
import { HorizontalBars, VerticalBars } from '../components/charts';
import { useI18n } from '../i18n';
import type { ProgressStats } from '../types';
import { useApi } from '../use-api';

export function ProgressPage() {
  const { t, language } = useI18n();
  const stats = useApi(() => getJson<ProgressStats>('/api/stats'), 'stats');
  if (stats.error) return <p class="error">{stats.error}</p>;
  if (!stats.data) return <p class="muted">{t('loading')}</p>;
  const { totals, topics, forecast, reviewsPerDay, streak } = stats.data;
  const mastery = [...topics]
    .filter((topic) => topic.questions > 0)
    .sort((a, b) => b.cards - a.cards || (b.mastery ?? 0) - (a.mastery ?? 0))
    .map((topic) => ({
      label: topic.name[language] || topic.topic,
      value: Math.round((topic.mastery ?? 0) * 100),
      note: `${topic.mastery === null ? '–' : `${Math.round(topic.mastery * 100)}%`} · ${topic.cards}/${topic.questions}`,
    }));
  return (
    <section class="progress-page" data-testid="progress">
      <div class="stat-cards">
        <Stat label={t('cards')} value={`${totals.cards} / ${totals.questions}`} />
        <Stat label={t('reviews')} value={String(totals.reviews)} />
        {/* Due NOW, the number the drill and `mianba stats` show (the forecast's first bar also counts later today). */}
        <Stat label={t('dueNow')} value={String(totals.due)} testId="progress-due" />
        <Stat label={t('streak')} value={String(streak.current)} note={`${t('streakLongest')} ${streak.longest} ${t('days')}`} />
      </div>
      {totals.reviews === 0 && <p class="muted">{t('noReviews')}</p>}
      <p class="small">
        <a href="#/practice/history" data-testid="progress-mock-history">
          {t('mockHistory')}
        </a>
      </p>
      <div class="charts">
        <figure>
          <figcaption>{t('dueForecast')}</figcaption>
          <VerticalBars label={t('dueForecast')} data={forecast.map((day) => ({ label: day.date.slice(5), value: day.due }))} testId="chart-forecast" />
        </figure>
        <figure>
          <figcaption>{t('reviewsOverTime')}</figcaption>
          <VerticalBars
            label={t('reviewsOverTime')}
            data={reviewsPerDay.map((day) => ({ label: day.date.slice(5), value: day.reviews }))}
            testId="chart-reviews"
          />
        </figure>
        <figure class="wide">
          <figcaption>{t('mastery')}</figcaption>
          <HorizontalBars label={t('mastery')} data={mastery} max={100} testId="chart-mastery" />
        </figure>
      </div>
    </section>
  );
}

function Stat(props: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div class="stat">
      <span class="stat-value" data-testid={props.testId}>
        {props.value}
      </span>
      <span class="muted small">
        {props.label}
        {props.note ? ` · ${props.note}` : ''}
      </span>
    </div>
  );
}
