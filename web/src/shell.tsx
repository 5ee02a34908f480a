// The app shell: header with navigation, language and theme switches, and the page for the current route.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { detectLanguage, type Language, LanguageContext, type StringKey, translator } from './i18n';
import { AskPage } from './pages/ask-page';
import { BankPage } from './pages/bank-page';
import { CalcPage } from './pages/calc-page';
import { DocViewer } from './pages/doc-viewer';
import { KbPage } from './pages/kb-page';
import { PracticePage } from './pages/practice-page';
import { ProgressPage } from './pages/progress-page';
import { ModelBadge } from './pages/settings-badge';
import { SettingsPage } from './pages/settings-page';
import { type Page, useHashRoute } from './use-hash-route';

type Theme = 'auto' | 'light' | 'dark';

const navigation: { page: Page; label: StringKey }[] = [
  { page: 'ask', label: 'navAsk' },
  { page: 'bank', label: 'navBank' },
  { page: 'practice', label: 'navPractice' },
  { page: 'progress', label: 'navProgress' },
  { page: 'kbs', label: 'navKbs' },
  { page: 'calc', label: 'navCalc' },
  { page: 'settings', label: 'navSettings' },
];

export function Shell() {
  const route = useHashRoute();
  const [language, setLanguage] = useState<Language>(detectLanguage);
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem('mianba.theme') as Theme | null) ?? 'auto');
  const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('appName')} · ${t(navigation.find((item) => item.page === route.page)?.label ?? 'navAsk')}`;
  }, [language, route.page, t]);
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  const chooseLanguage = (next: Language) => {
    localStorage.setItem('mianba.language', next);
    setLanguage(next);
  };
  const cycleTheme = () => {
    const next: Theme = theme === 'auto' ? 'light' : theme === 'light' ? 'dark' : 'auto';
    localStorage.setItem('mianba.theme', next);
    setTheme(next);
  };

  return (
    <LanguageContext.Provider value={i18n}>
      <header class="topbar">
        <a class="brand" href="#/ask">
          <span class="logo">面</span>
          <span class="brand-text">
            <strong>{t('appName')}</strong>
            <small>{t('tagline')}</small>
          </span>
        </a>
        <nav aria-label="main">
          {navigation.map((item) => (
            <a key={item.page} href={`#/${item.page}`} class={route.page === item.page ? 'active' : ''} data-testid={`nav-${item.page}`}>
              {t(item.label)}
            </a>
          ))}
        </nav>
        <div class="switches">
          <ModelBadge />
          <button
            type="button"
            class="ghost"
            onClick={() => chooseLanguage(language === 'zh' ? 'en' : 'zh')}
            data-testid="language-switch"
            title={t('language')}
          >
            {language === 'zh' ? 'EN' : '中文'}
          </button>
          <button
            type="button"
            class="ghost"
            onClick={cycleTheme}
            data-testid="theme-switch"
            title={t('theme')}
            aria-label={`${t('theme')}: ${t(theme === 'auto' ? 'themeAuto' : theme === 'light' ? 'themeLight' : 'themeDark')}`}
          >
            <span aria-hidden="true">{theme === 'auto' ? '◐' : theme === 'light' ? '☀' : '☾'}</span>{' '}
            <span class="theme-label">{t(theme === 'auto' ? 'themeAuto' : theme === 'light' ? 'themeLight' : 'themeDark')}</span>
          </button>
        </div>
      </header>
      <main class={`page page-${route.page}`}>
        {route.page === 'ask' && <AskPage threadId={route.rest[0]} />}
        {route.page === 'bank' && <BankPage selected={route.rest[0]} params={route.params} />}
        {route.page === 'practice' && <PracticePage mode={route.rest[0] === 'mock' ? 'mock' : 'drill'} questionId={route.rest[1]} />}
        {route.page === 'progress' && <ProgressPage />}
        {route.page === 'kbs' && <KbPage selected={route.rest[0]} />}
        {route.page === 'calc' && <CalcPage tab={route.rest[0]} />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'doc' && (
          <DocViewer
            kb={route.rest[0] ?? ''}
            path={route.rest.slice(1).join('/')}
            line={route.params.get('line') ? Number(route.params.get('line')) : undefined}
          />
        )}
      </main>
    </LanguageContext.Provider>
  );
}
