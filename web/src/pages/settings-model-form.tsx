// One model section of the settings page (answer model or embedder): on/off, a preset that fills the base URL and
// model, the fields, the API key (masked when saved; empty keeps it) and "Test connection" with its result.
import { useState } from 'preact/hooks';
import { sendJson } from '../api';
import { useI18n } from '../i18n';
import type { ConnectionResult, MaskedKey, Preset } from '../types';

export interface ModelDraft {
  enabled: boolean;
  baseUrl: string;
  model: string;
  apiKey: string;
  removeKey: boolean;
}

export function ModelForm(props: {
  target: 'llm' | 'embed';
  legend: string;
  offLabel: string;
  presets: Preset[];
  savedKey: MaskedKey | undefined;
  draft: ModelDraft;
  onChange: (draft: ModelDraft) => void;
}) {
  const { t } = useI18n();
  const { draft, target } = props;
  const [result, setResult] = useState<ConnectionResult | 'testing' | undefined>();
  const set = (change: Partial<ModelDraft>) => {
    props.onChange({ ...draft, ...change });
    setResult(undefined);
  };
  const preset = props.presets.find((item) => item.baseUrl === draft.baseUrl)?.name ?? '';
  const test = async () => {
    setResult('testing');
    try {
      const body = {
        target,
        baseUrl: draft.baseUrl.trim(),
        model: draft.model.trim(),
        ...(draft.removeKey ? { apiKey: '' } : draft.apiKey ? { apiKey: draft.apiKey } : {}),
      };
      setResult(await sendJson<ConnectionResult>('POST', '/api/settings/test', body));
    } catch (error) {
      const failure = error as Error & { code?: string };
      setResult({ ok: false, error: { code: failure.code ?? 'error', message: failure.message } });
    }
  };
  const id = (name: string) => `${target}-${name}`;
  return (
    <fieldset class="settings-group" data-testid={`settings-${target}`}>
      <legend>{props.legend}</legend>
      <label class="check">
        <input type="checkbox" checked={!draft.enabled} onChange={(event) => set({ enabled: !(event.target as HTMLInputElement).checked })} />
        {props.offLabel}
      </label>
      {draft.enabled && (
        <>
          <label class="field" for={id('preset')}>
            <span>{t('settingsPreset')}</span>
            <select
              id={id('preset')}
              value={preset}
              data-testid={`${target}-preset`}
              onChange={(event) => {
                const chosen = props.presets.find((item) => item.name === (event.target as HTMLSelectElement).value);
                if (chosen) set({ baseUrl: chosen.baseUrl, model: chosen.model ?? draft.model });
              }}
            >
              <option value="">{t('presetCustom')}</option>
              {props.presets.map((item) => (
                <option key={item.name} value={item.name}>
                  {item.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field" for={id('base-url')}>
            <span>{t('baseUrl')}</span>
            <input
              id={id('base-url')}
              type="url"
              value={draft.baseUrl}
              placeholder="http://127.0.0.1:11434/v1"
              data-testid={`${target}-base-url`}
              onInput={(event) => set({ baseUrl: (event.target as HTMLInputElement).value })}
            />
          </label>
          <label class="field" for={id('model')}>
            <span>{t('model')}</span>
            <input
              id={id('model')}
              value={draft.model}
              data-testid={`${target}-model`}
              onInput={(event) => set({ model: (event.target as HTMLInputElement).value })}
            />
          </label>
          <label class="field" for={id('key')}>
            <span>{t('apiKey')}</span>
            <input
              id={id('key')}
              type="password"
              autocomplete="off"
              value={draft.apiKey}
              disabled={draft.removeKey}
              placeholder={props.savedKey?.set ? t('keySaved').replace('{masked}', props.savedKey.masked ?? '••••') : t('keyNone')}
              data-testid={`${target}-key`}
              onInput={(event) => set({ apiKey: (event.target as HTMLInputElement).value })}
            />
          </label>
          {props.savedKey?.set && (
            <label class="check small">
              <input
                type="checkbox"
                checked={draft.removeKey}
                onChange={(event) => set({ removeKey: (event.target as HTMLInputElement).checked, apiKey: '' })}
              />
              {t('removeKey')}
            </label>
          )}
          <div class="settings-actions">
            <button
              type="button"
              onClick={() => void test()}
              disabled={!draft.baseUrl.trim() || !draft.model.trim() || result === 'testing'}
              data-testid={`${target}-test`}
            >
              {result === 'testing' ? t('testing') : t('testConnection')}
            </button>
            {result && result !== 'testing' && (
              <span class={result.ok ? 'ok-text' : 'error'} role="status" data-testid={`${target}-test-result`}>
                {result.ok
                  ? `✓ ${t('testOk').replace('{model}', result.model).replace('{ms}', String(result.latencyMs))}${result.dimensions ? ` · ${t('testDimensions').replace('{n}', String(result.dimensions))}` : ''}`
                  : `✗ ${t('testFailed')}: [${result.error.code}] ${result.error.message}`}
              </span>
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
