// A calculator result: the headline number, the verdicts per GPU, and every term with formula and substitution.

import { calcTextZh } from '../calc-zh';
import { calcAssumptionZh } from '../calc-zh-assumptions';
import { formatValue, gib } from '../format';
import { useI18n } from '../i18n';

export interface InferenceVerdict {
  gpu: string;
  name: string;
  gpusNeeded: number;
  fitsOnOne: boolean;
}

export interface CalcResult {
  model: { id: string; name: string };
  terms: { label: string; formula: string; substitution: string; value: number; unit: string }[];
  assumptions: string[];
  totalBytes?: number;
  perGpuBytes?: number;
  trainingSeconds?: number;
  decodeTokensPerSecondPerSequence?: number;
  /** Inference: one verdict per GPU; training and compute: the GPU count the result was computed for. */
  gpus?: number | InferenceVerdict[];
  verdicts?: { gpu: string; name: string; gpus: number; perGpuBytes: number; usableBytes: number; fits: boolean }[];
}

export function CalcResultView(props: { result: CalcResult; tab: string }) {
  const { t, language } = useI18n();
  const { result } = props;
  const local = (text: string) => (language === 'zh' ? calcTextZh(text) : text);
  const inferenceVerdicts = Array.isArray(result.gpus) ? result.gpus : undefined;
  const headline =
    result.totalBytes !== undefined
      ? `${t('total')}: ${gib(result.totalBytes)}`
      : result.perGpuBytes !== undefined
        ? `${t('perGpu')}: ${gib(result.perGpuBytes)}`
        : result.trainingSeconds !== undefined
          ? `${formatValue(result.trainingSeconds, 'seconds')}`
          : `${(result.decodeTokensPerSecondPerSequence ?? 0).toFixed(1)} tokens/s`;
  return (
    <div class="calc-result" data-testid="calc-result">
      <h2>
        {result.model.name} · {headline}
      </h2>
      {inferenceVerdicts && (
        <div class="chips">
          {inferenceVerdicts.map((gpu) => (
            <span key={gpu.gpu} class={`chip ${gpu.fitsOnOne ? 'ok' : 'warn'}`}>
              {gpu.name}: {gpu.fitsOnOne ? t('fits') : `${t('gpusNeeded')} ${gpu.gpusNeeded}`}
            </span>
          ))}
        </div>
      )}
      {result.verdicts && (
        <div class="chips">
          {result.verdicts.map((verdict) => (
            <span key={verdict.gpu} class={`chip ${verdict.fits ? 'ok' : 'warn'}`}>
              {verdict.gpus} × {verdict.name}: {verdict.fits ? t('fits') : t('doesNotFit')} ({gib(verdict.perGpuBytes)} / {gib(verdict.usableBytes)})
            </span>
          ))}
        </div>
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('term')}</th>
              <th>{t('formula')}</th>
              <th>{t('value')}</th>
            </tr>
          </thead>
          <tbody>
            {result.terms.map((term) => (
              <tr key={term.label}>
                <td class="label">{local(term.label)}</td>
                <td>
                  <code>{local(term.formula)}</code>
                  <br />
                  <code class="muted">{term.substitution}</code>
                </td>
                <td>{formatValue(term.value, term.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.assumptions.length > 0 && (
        <>
          <h4>{t('assumptions')}</h4>
          <ul class="small muted">
            {result.assumptions.map((assumption) => (
              <li key={assumption}>{language === 'zh' ? calcAssumptionZh(assumption) : assumption}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
