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
  const [none, setNone] = useState(false);
  if (stats.error) return <p class="error">{stats.error}</p>;
  if (!stats.data) return <p class="muted">{t('loading')}</p>;
  const nameOf = (topic: ProgressStats['topics'][number]) => topic.name[language] || topic.topic;
  const topics = stats.data.topics
    .filter((topic) => topic.questions > 0)
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b), language === 'zh' ? 'zh-CN' : 'en'));
  const known = new Set(topics.map((topic) => topic.topic));
  // An empty list means every topic (so chapters added later are included); `none` is the explicit empty choice.
  const chosen = none ? new Set<string>() : new Set(settings.topics.length === 0 ? known : settings.topics.filter((topic) => known.has(topic)));
  const choose = (next: Set<string>) => {
    setNone(next.size === 0);
    setSettings({ ...settings, topics: next.size === known.size ? [] : [...next] });
  };
  const toggle = (topic: string) => {
    const next = new Set(chosen);
    if (next.has(topic)) next.delete(topic);
    else next.add(topic);
    choose(next);
  };
  const inScope = topics.filter((topic) => chosen.has(topic.topic));
  const start = (event: Event) => {
    event.preventDefault();
    if (chosen.size === 0) return;
    localStorage.setItem(settingsKey, JSON.stringify(settings));
    props.onStart(settings);
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
          <button type="button" class="ghost small" onClick={() => choose(known)} data-testid="topics-all">
            {t('allTopicsShort')}
          </button>
          <button type="button" class="ghost small" onClick={() => choose(new Set())} data-testid="topics-none">
            {t('noTopics')}
          </button>
        </legend>
        <div class="topic-choices" data-testid="drill-topics">
          {topics.map((topic) => (
            <label key={topic.topic} class="topic-choice">
              <input type="checkbox" checked={chosen.has(topic.topic)} onChange={() => toggle(topic.topic)} value={topic.topic} />
              <span>{nameOf(topic)}</span>
              <span class="muted small">
                {topic.due > 0 ? `${t('dueNow')} ${topic.due} · ` : ''}
                {topic.questions} {t('questions')}
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
        <button type="submit" class="primary" data-testid="drill-start" disabled={chosen.size === 0}>
          {t('drillStart')}
        </button>
      </div>
    </form>
  );
}
