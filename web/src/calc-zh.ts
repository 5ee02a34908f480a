// The calculators answer in English (they are shared with `mianba calc`); in the Chinese UI the page shows term
// names, formulas, assumptions' key words and error messages in Chinese. Pure: longest phrase first, whole phrases
// only, anything unknown stays as it was (numbers, dtypes and model names are the same in both languages).

/** English phrase -> Chinese, for term labels and the words inside formulas. Order does not matter. */
const phrases: Record<string, string> = {
  'activations (full checkpointing)': '激活(全量重计算)',
  'activations (no recomputation)': '激活(不重计算)',
  'activations (prefill peak)': '激活(prefill 峰值)',
  'training FLOPs': '训练 FLOPs',
  'training time': '训练时间',
  'inference FLOPs per token': '每 token 推理 FLOPs',
  'bytes read per decode step': '每个解码步读取的字节数',
  'decode tokens/s (bandwidth bound)': '解码 tokens/s(带宽上限)',
  'tokens/s (compute bound, peak)': 'tokens/s(算力上限,峰值)',
  'framework overhead': '框架开销',
  'optimizer states (offloaded to CPU)': '优化器状态(卸载到 CPU)',
  'optimizer states': '优化器状态',
  'LoRA trainable params': 'LoRA 可训练参数',
  'per GPU': '每卡',
  'KV cache of the context': '上下文的 KV cache',
  'fp16 layer inputs': 'fp16 层输入',
  'one layer recomputed': '重算一层',
  'fp32 logits': 'fp32 logits',
  'overhead fraction': '开销比例',
  'bytes per param': '每参数字节数',
  'bytes per step': '每步字节数',
  'block linears': '块内线性层',
  'other params': '其余参数',
  'frozen base': '冻结的基座',
  'over targets': '遍历目标层',
  'fp16 scale': 'fp16 缩放',
  '4-bit zero': '4-bit 零点',
  'weights per row': '每行权重',
  'group of': '每组',
  'K and V': 'K 和 V',
  'peak TFLOPS': '峰值 TFLOPS',
  'peak FLOPS': '峰值 FLOPS',
  master: '主权重',
  states: '状态',
  weights: '权重',
  gradients: '梯度',
  activations: '激活',
  overhead: '开销',
  total: '合计',
  trainable: '可训练',
  params: '参数',
  layers: '层数',
  batch: '批大小',
  bandwidth: '带宽',
  seq: '序列长度',
  bytes: '字节',
  GPUs: 'GPU 数',
  group: '分组',
};
const ordered = Object.keys(phrases).sort((a, b) => b.length - a.length);
const pattern = new RegExp(`(?<![A-Za-z])(${ordered.map(escapeRegExp).join('|')})(?![A-Za-z])`, 'g');

/** A term label or formula in Chinese: known phrases replaced, symbols and numbers kept. */
export function calcTextZh(text: string): string {
  return text.replace(pattern, (phrase) => phrases[phrase] ?? phrase);
}

/** The calculators' error messages (from `/api/calc/*`) in Chinese; field names stay as the form shows them. */
const errorPatterns: [RegExp, (...groups: string[]) => string][] = [
  [/^unknown model "(.*)"/, (name) => `未知模型 "${name}",请从列表中选择`],
  [/^missing model/, () => '请选择模型,或给出自定义形状(layers、hidden、heads,或 params)'],
  [/^unknown GPU "(.*?)"/, (name) => `未知 GPU "${name}"`],
  [/^unknown (\w+) "(.*?)"; valid: (.*)$/, (field, value, valid) => `${field} 的值 "${value}" 无效,可选:${valid}`],
  [/^unknown targets (.*?); valid: (.*)$/, (value, valid) => `LoRA 目标层 ${value} 无效,可选:${valid}`],
  [/^(\w+) must be a token count like 4096 or 32k, got "(.*)"/, (field, value) => `${field} 应为 token 数,如 4096 或 32k,而不是 "${value}"`],
  [/^(\w+) must be a count like 7B, 2T or 6\.74e9, got "(.*)"/, (field, value) => `${field} 应为数量,如 7B、2T 或 6.74e9,而不是 "${value}"`],
  [
    /^(\w+) must be an? (integer|number)(.*?), got "(.*)"/,
    (field, kind, bounds, value) => `${field} 应为${kind === 'integer' ? '整数' : '数字'}${bounds}(收到 "${value}")`,
  ],
  [/^(.*) has no (.*) projection/, (model, targets) => `${model} 没有 ${targets} 投影层,请换 LoRA 目标层`],
];

export function calcErrorZh(message: string): string {
  for (const [regex, render] of errorPatterns) {
    const match = regex.exec(message);
    if (match) return render(...match.slice(1).map((group) => group ?? ''));
  }
  return message;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
