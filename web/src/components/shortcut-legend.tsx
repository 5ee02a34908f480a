// The keyboard shortcuts of a practice screen, shown as the keys that work (each entry is bound by its page).
import { type StringKey, useI18n } from '../i18n';

export function ShortcutLegend(props: { keys: { key: string; label: StringKey }[] }) {
  const { t } = useI18n();
  return (
    <p class="muted small shortcut-legend" data-testid="shortcuts">
      {t('keysTitle')}:{' '}
      {props.keys.map((entry, index) => (
        <span key={entry.key}>
          {index > 0 ? ' · ' : ''}
          <kbd>{entry.key}</kbd> {t(entry.label)}
        </span>
      ))}
    </p>
  );
}
