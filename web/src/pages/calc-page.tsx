// Calculators: inference memory, training memory and compute, as forms over /api/calc/*. Every number comes with
// its formula and substitution, so the page teaches the interview answer as well as giving it.
import { useState } from 'preact/hooks';
import { getJson, sendJson } from '../api';
import { calcErrorZh } from '../calc-zh';
import { type StringKey, useI18n } from '../i18n';
import { useApi } from '../use-api';
import { navigate } from '../use-hash-route';
import { type CalcResult, CalcResultView } from './calc-result';

type Tab = 'inference' | 'training' | 'compute';
type Field = { name: string; kind: 'text' | 'number' | 'select' | 'check'; options?: readonly string[]; placeholder?: string };

const common: Field[] = [{ name: 'model', kind: 'select' }];
const fields: Record<Tab, Field[]> = {
  inference: [
    ...common,
    { name: 'dtype', kind: 'select', options: ['fp16', 'bf16', 'fp32', 'int8', 'int4'] },
    { name: 'kvDtype', kind: 'select', options: ['', 'fp16', 'bf16', 'fp8', 'int8', 'int4', 'fp32'] },
    { name: 'context', kind: 'text', placeholder: '4096 / 32k' },
    { name: 'batch', kind: 'number', placeholder: '1' },
    { name: 'gpu', kind: 'select' },
  ],
  training: [
    ...common,
    { name: 'method', kind: 'select', options: ['full', 'lora', 'qlora'] },
    { name: 'optimizer', kind: 'select', options: ['adamw', 'adam', 'sgd', 'adam8bit'] },
    { name: 'precision', kind: 'select', options: ['mixed', 'bf16', 'fp32'] },
    { name: 'gpus', kind: 'number', placeholder: '1' },
    { name: 'zero', kind: 'select', options: ['0', '1', '2', '3'] },
    { name: 'seq', kind: 'text', placeholder: '2048' },
    { name: 'microBatch', kind: 'number', placeholder: '1' },
    { name: 'rank', kind: 'number', placeholder: '8' },
    { name: 'targets', kind: 'text', placeholder: 'q,v' },
    { name: 'checkpointing', kind: 'check' },
    { name: 'flashAttention', kind: 'check' },
    { name: 'offload', kind: 'check' },
    { name: 'gpu', kind: 'select' },
  ],
  compute: [
    ...common,
    { name: 'tokens', kind: 'text', placeholder: '2T' },
    { name: 'gpu', kind: 'select' },
    { name: 'gpus', kind: 'number', placeholder: '8' },
    { name: 'mfu', kind: 'text', placeholder: '0.4' },
    { name: 'dtype', kind: 'select', options: ['fp16', 'bf16', 'fp32', 'int8', 'int4'] },
    { name: 'context', kind: 'text', placeholder: '4096' },
  ],
};
/** Field labels [zh, en]; the field names are the API's (and `mianba calc`'s flags in camelCase). */
const fieldLabels: Record<string, [string, string]> = {
  dtype: ['权重精度', 'Weight dtype'],
  kvDtype: ['KV cache 精度', 'KV cache dtype'],
  context: ['上下文长度', 'Context tokens'],
  batch: ['批大小', 'Batch'],
  gpu: ['GPU', 'GPU'],
  method: ['微调方法', 'Method'],
  optimizer: ['优化器', 'Optimizer'],
  precision: ['训练精度', 'Precision'],
  gpus: ['GPU 数量', 'GPUs'],
  zero: ['ZeRO 阶段', 'ZeRO stage'],
  seq: ['序列长度', 'Sequence length'],
  microBatch: ['micro-batch', 'Micro-batch'],
  rank: ['LoRA 秩', 'LoRA rank'],
  targets: ['LoRA 目标层', 'LoRA targets'],
  checkpointing: ['激活重计算', 'Checkpointing'],
  flashAttention: ['FlashAttention', 'FlashAttention'],
  offload: ['CPU offload', 'CPU offload'],
  tokens: ['训练 token 数', 'Training tokens'],
  mfu: ['MFU', 'MFU'],
};
/** What the server uses when a field is left out (src/calc/resolve-options.ts), shown selected from the start. */
const defaults: Record<string, string> = {
  model: 'llama-2-7b',
  dtype: 'fp16',
  method: 'full',
  optimizer: 'adamw',
  precision: 'mixed',
  zero: '0',
};
const tabLabels: Record<Tab, StringKey> = { inference: 'calcInference', training: 'calcTraining', compute: 'calcCompute' };
type Presets = { models: { id: string; name: string }[]; gpus: { id: string; name: string }[] };

export function CalcPage(props: { tab?: string | undefined }) {
  const { t, language } = useI18n();
  const tab: Tab = props.tab === 'training' || props.tab === 'compute' ? props.tab : 'inference';
  const presets = useApi(() => getJson<Presets>('/api/calc/presets'), 'presets');
  const [values, setValues] = useState<Record<string, string | boolean>>(defaults);
  const [outcome, setOutcome] = useState<{ tab: Tab; result?: CalcResult; error?: string } | undefined>();
  const result = outcome?.tab === tab ? outcome.result : undefined;
  const error = outcome?.tab === tab ? (outcome.error ?? '') : '';
  const set = (name: string, value: string | boolean) => setValues((current) => ({ ...current, [name]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const field of fields[tab]) {
      const value = values[field.name];
      if (value === undefined || value === '' || value === false) continue;
      const numeric = field.kind === 'number' || field.name === 'zero' || field.name === 'mfu';
      body[field.name] = numeric ? Number(value) : value;
    }
    try {
      setOutcome({ tab, result: await sendJson<CalcResult>('POST', `/api/calc/${tab}`, body) });
    } catch (failure) {
      const message = (failure as Error).message;
      setOutcome({ tab, error: language === 'zh' ? withFieldLabels(calcErrorZh(message)) : message });
    }
  };

  return (
    <section class="calc">
      <nav class="tabs" aria-label="calculators">
        {(Object.keys(fields) as Tab[]).map((name) => (
          <button key={name} type="button" class={tab === name ? 'active' : ''} onClick={() => navigate('calc', name)}>
            {t(tabLabels[name])}
          </button>
        ))}
      </nav>
      <form class="calc-form" onSubmit={submit} data-testid="calc-form">
        {fields[tab].map((field) => (
          <div key={field.name} class={`field ${field.kind === 'check' ? 'check' : ''}`}>
            <label for={`calc-${field.name}`}>
              {field.name === 'model' ? t('model') : (fieldLabels[field.name]?.[language === 'zh' ? 0 : 1] ?? field.name)}
            </label>
            {field.kind === 'check' ? (
              <input
                id={`calc-${field.name}`}
                type="checkbox"
                checked={values[field.name] === true}
                onChange={(event) => set(field.name, (event.target as HTMLInputElement).checked)}
              />
            ) : field.kind === 'select' ? (
              <select
                id={`calc-${field.name}`}
                value={String(values[field.name] ?? '')}
                onChange={(event) => set(field.name, (event.target as HTMLSelectElement).value)}
                name={field.name}
              >
                {optionsFor(field, presets.data).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`calc-${field.name}`}
                name={field.name}
                inputMode={field.kind === 'number' ? 'numeric' : 'text'}
                placeholder={field.placeholder}
                value={String(values[field.name] ?? '')}
                onInput={(event) => set(field.name, (event.target as HTMLInputElement).value)}
              />
            )}
          </div>
        ))}
        <button type="submit" class="primary" data-testid="calc-submit">
          {t('calculate')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert" data-testid="calc-error">
          {error}
        </p>
      )}
      {result && <CalcResultView result={result} tab={tab} />}
    </section>
  );
}

/** API field names inside a (translated) error message -> the labels the form shows. */
function withFieldLabels(message: string): string {
  return message.replace(/\b([a-z][A-Za-z]+)\b/g, (word) => fieldLabels[word]?.[0] ?? word);
}

function optionsFor(field: Field, presets: Presets | undefined): { value: string; label: string }[] {
  if (field.name === 'model') return (presets?.models ?? [{ id: 'llama-2-7b', name: 'LLaMA-2 7B' }]).map((model) => ({ value: model.id, label: model.name }));
  if (field.name === 'gpu') return [{ value: '', label: '—' }, ...(presets?.gpus ?? []).map((gpu) => ({ value: gpu.id, label: gpu.name }))];
  return (field.options ?? []).map((option) => ({ value: option, label: option || '—' }));
}
