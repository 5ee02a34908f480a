// Practice: the drill (set-up, then a session), the mock interview, and the past mock interviews with their reports.
// Routes: #/practice[/drill[/<question id>]], #/practice/mock, #/practice/history[/<mock id>].
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { navigate, useHashRoute } from '../use-hash-route';
import { DrillSession } from './drill-session';
import { type DrillSettings, DrillSetup, loadSettings } from './drill-setup';
import { MockHistory } from './mock-history';
import { MockInterview } from './mock-interview';

type Mode = 'drill' | 'mock' | 'history';

export function PracticePage(props: { mode: 'drill' | 'mock'; questionId?: string | undefined }) {
  const { t } = useI18n();
  // The shell knows drill and mock; the history tab and its report id are read from the route here.
  const route = useHashRoute();
  const mode: Mode = route.rest[0] === 'history' ? 'history' : props.mode;
  const tab = (target: Mode, label: 'drill' | 'mock' | 'mockHistory') => (
    <button
      type="button"
      class={mode === target ? 'active' : ''}
      aria-pressed={mode === target}
      onClick={() => navigate('practice', target)}
      data-testid={`${target}-tab`}
    >
      {t(label)}
    </button>
  );
  return (
    <section class="practice">
      <nav class="tabs" aria-label={t('navPractice')}>
        {tab('drill', 'drill')}
        {tab('mock', 'mock')}
        {tab('history', 'mockHistory')}
      </nav>
      {mode === 'drill' && <Drill questionId={props.questionId} />}
      {mode === 'mock' && <MockInterview />}
      {mode === 'history' && <MockHistory selected={route.rest[1]} />}
    </section>
  );
}

/** The set-up form first; a link to one question (#/practice/drill/<id>) starts at once with the last set-up. */
function Drill(props: { questionId?: string | undefined }) {
  const [settings, setSettings] = useState<DrillSettings | undefined>(() => (props.questionId ? loadSettings() : undefined));
  if (!settings && !props.questionId) return <DrillSetup onStart={setSettings} />;
  return (
    <DrillSession
      settings={settings ?? loadSettings()}
      firstId={props.questionId}
      onSetup={() => {
        setSettings(undefined);
        if (props.questionId) navigate('practice', 'drill');
      }}
    />
  );
}
