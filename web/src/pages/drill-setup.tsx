// The drill set-up shown before a session: which topics, how many questions, and at most how many new ones (the rest
// are reviews, due first). The choice is kept in localStorage for the next session.
import { useState } from 'preact/hooks';
import { getJson } from '../api';
import { useI18n } from '../i18n';
import type { ProgressStats } from '../types';
import { useApi } from '../use-api';

export interface DrillSettings {
  /** Topic groups (the `topic` of /api/stats); empty = all. */
  topics: string[];
  count: number;
  /** At most this many never-seen questions; the rest are due reviews. */
  newLimit: number;
}

const settingsKey = 'mianba.drill';
export const defaultSettings: DrillSettings = { topics: [], count: 20, newLimit: 10 };
const counts = [5, 10, 20, 30, 50];
/** 1,000 stands for "no limit" (more than the bank holds). */
const newLimits = [0, 3, 5, 10, 20, 1000];

export function loadSettings(): DrillSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(settingsKey) ?? 'null') as Partial<DrillSettings> | null;
    return {
      topics: Array.isArray(saved?.topics) ? saved.topics.filter((topic): topic is string => typeof topic === 'string') : defaultSettings.topics,
      count: counts.includes(Number(saved?.count)) ? Number(saved?.count) : defaultSettings.count,
      newLimit: newLimits.includes(Number(saved?.newLimit)) ? Number(saved?.newLimit) : defaultSettings.newLimit,
    };
  } catch {
    return defaultSettings;
  }
}

export function DrillSetup(props: { onStart: (settings: DrillSettings) => void }) {
  const { t, language } = useI18n();
  const stats = useApi(() => getJson<ProgressStats>('/api/stats'), 'drill-setup-stats');
  const [settings, setSettings] = useState(loadSettings);
  if (stats.error) return <p class="error">{stats.error}</p>;
  if (!stats.data) return <p class="muted">{t('loading')}</p>;
  const topics = stats.data.topics.filter((topic) => topic.questions > 0).sort((a, b) => a.topic.localeCompare(b.topic));
  const known = new Set(topics.map((topic) => topic.topic));
  const chosen = new Set(settings.topics.filter((topic) => known.has(topic)));
  const all = chosen.size === 0;
  const toggle = (topic: string) => {
    const next = new Set(all ? known : chosen);
    if (next.has(topic)) next.delete(topic);
    else next.add(topic);
    // Every topic ticked is stored as "all" (empty), so topics added to the bank later are included too.
    setSettings({ ...settings, topics: next.size === known.size ? [] : [...next] });
  };
  const inScope = topics.filter((topic) => all || chosen.has(topic.topic));
  const start = (event: Event) => {
    event.preventDefault();
    const next = { ...settings, topics: [...chosen] };
    localStorage.setItem(settingsKey, JSON.stringify(next));
    props.onStart(next);
  };
  return (
    <form class="drill-setup" data-testid="drill-setup" onSubmit={start}>
      <h2>{t('drillSetup')}</h2>
      <p class="setup-figures">
        <span>
          {t('dueNow')} <strong data-testid="practice-due">{stats.data.totals.due}</strong>
        </span>
        <span>
          {t('newLeft')} <strong>{inScope.reduce((sum, topic) => sum + topic.questions - topic.cards, 0)}</strong>
        </span>
      </p>
      <fieldset>
        <legend>
          {t('drillTopics')}{' '}
          <button type="button" class="ghost small" onClick={() => setSettings({ ...settings, topics: [] })} data-testid="topics-all">
            {t('allTopicsShort')}
          </button>
        </legend>
        <div class="topic-choices" data-testid="drill-topics">
          {topics.map((topic) => (
            <label key={topic.topic} class={`topic-choice ${all || chosen.has(topic.topic) ? 'on' : ''}`}>
              <input type="checkbox" checked={all || chosen.has(topic.topic)} onChange={() => toggle(topic.topic)} value={topic.topic} />
              <span>{topic.name[language] || topic.topic}</span>
              <span class="muted small">
                {topic.due > 0 ? `${topic.due} ${t('dueNow')} · ` : ''}
                {topic.questions}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="row setup-numbers">
        <label>
          {t('drillCount')}
          <select
            data-testid="drill-count"
            value={settings.count}
            onChange={(event) => setSettings({ ...settings, count: Number((event.target as HTMLSelectElement).value) })}
          >
            {counts.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('drillNewLimit')}
          <select
            data-testid="drill-new-limit"
            value={settings.newLimit}
            onChange={(event) => setSettings({ ...settings, newLimit: Number((event.target as HTMLSelectElement).value) })}
          >
            {newLimits.map((n) => (
              <option key={n} value={n}>
                {n >= 1000 ? t('drillNewAll') : n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary" data-testid="drill-start">
          {t('drillStart')}
        </button>
      </div>
    </form>
  );
}
