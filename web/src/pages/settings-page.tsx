// Settings (#/settings): the answer model and the embedder (provider presets, base URL, model, API key), "Test
// connection" with the model and latency or the error, and the refusal threshold. Saved server-side in the config
// file the CLI reads; a saved key is only ever shown masked, and an empty key field keeps it.
import { useEffect, useState } from 'preact/hooks';
import { getJson, sendJson } from '../api';
import { useI18n } from '../i18n';
import type { Settings } from '../types';
import { useApi } from '../use-api';
import { type ModelDraft, ModelForm } from './settings-model-form';

export const settingsChanged = 'mianba:settings-changed';

export function SettingsPage() {
  const { t } = useI18n();
  const settings = useApi(() => getJson<Settings>('/api/settings'), 'settings');
  const [llm, setLlm] = useState<ModelDraft>({ enabled: false, baseUrl: '', model: '', apiKey: '', removeKey: false });
  const [embed, setEmbed] = useState<ModelDraft>({ enabled: false, baseUrl: '', model: '', apiKey: '', removeKey: false });
  const [threshold, setThreshold] = useState('0.05');
  const [saved, setSaved] = useState<Settings | undefined>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const current = saved ?? settings.data;

  useEffect(() => {
    if (!current) return;
    setLlm({ enabled: current.llm !== null, baseUrl: current.llm?.baseUrl ?? '', model: current.llm?.model ?? '', apiKey: '', removeKey: false });
    setEmbed({
      enabled: current.embed.provider === 'openai',
      baseUrl: current.embed.baseUrl ?? '',
      model: current.embed.model ?? '',
      apiKey: '',
      removeKey: false,
    });
    setThreshold(String(current.refusalThreshold));
  }, [current]);

  const patch = (draft: ModelDraft) =>
    draft.enabled
      ? { baseUrl: draft.baseUrl.trim(), model: draft.model.trim(), ...(draft.removeKey ? { apiKey: '' } : draft.apiKey ? { apiKey: draft.apiKey } : {}) }
      : null;
  const save = async () => {
    setMessage(undefined);
    try {
      const next = await sendJson<Settings>('POST', '/api/settings', { llm: patch(llm), embed: patch(embed), refusalThreshold: Number(threshold) });
      setSaved(next);
      setMessage({ ok: true, text: t('settingsSaved') });
      window.dispatchEvent(new Event(settingsChanged));
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    }
  };

  return (
    <section class="settings" data-testid="settings">
      <h1>{t('navSettings')}</h1>
      <p class="muted small">{t('settingsFile')}</p>
      {settings.error && (
        <p class="error" role="alert">
          {settings.error}
        </p>
      )}
      {current && current.overriddenBy.length > 0 && (
        <p class="notice small" data-testid="env-override">
          {t('overriddenBy')} <code>{current.overriddenBy.join(', ')}</code>
        </p>
      )}
      {current && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ModelForm
            target="llm"
            legend={t('settingsLlm')}
            offLabel={t('noModel')}
            presets={current.presets.llm}
            savedKey={current.llm?.apiKey}
            draft={llm}
            onChange={setLlm}
          />
          <ModelForm
            target="embed"
            legend={t('settingsEmbed')}
            offLabel={t('useBuiltinEmbedder')}
            presets={current.presets.embed}
            savedKey={current.embed.apiKey}
            draft={embed}
            onChange={setEmbed}
          />
          {current.embedderRestartNeeded && (
            <p class="notice small" data-testid="embed-restart">
              {t('embedRestart')}
            </p>
          )}
          <fieldset class="settings-group">
            <legend>{t('refusalThreshold')}</legend>
            <label class="field">
              <span>{t('refusalThreshold')}</span>
              <input
                type="number"
                min="0"
                max="1"
                step="0.01"
                value={threshold}
                onInput={(event) => setThreshold((event.target as HTMLInputElement).value)}
                data-testid="threshold"
              />
            </label>
            <p class="muted small">{t('refusalThresholdHelp')}</p>
          </fieldset>
          <div class="settings-actions">
            <button type="submit" class="primary" data-testid="settings-save">
              {t('save')}
            </button>
            {message && (
              <span class={message.ok ? 'ok-text' : 'error'} role="status" data-testid="settings-message">
                {message.text}
              </span>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
