// Glossary entries that wrongly merge two concepts as synonyms: two model versions or sizes (names that differ only
// in their numbers: ChatGLM2 / ChatGLM3, Baichuan-7B / Baichuan-13B, FlashAttention / FlashAttention-2) or a pair of
// terms known to be different (上溢 / 下溢, attention score / attention weights). A merged pair lets a wrong answer
// cover a key point through the glossary. Pure.
import type { GlossaryTerm } from '../bank/bank-schema.js';

export interface FalseSynonym {
  entry: string;
  forms: [string, string];
  reason: 'versions' | 'distinct';
}

/** Terms that must never be forms of one glossary entry (compared after normalising case and separators). */
export const distinctTerms: readonly (readonly [string, string])[] = [
  ['上溢', '下溢'],
  ['overflow', 'underflow'],
  ['上溢', 'underflow'],
  ['下溢', 'overflow'],
  ['attention score', 'attention weight'],
  ['attention scores', 'attention weights'],
  ['注意力分数', '注意力权重'],
  ['1f1b', 'interleaved 1f1b'],
  ['pre-ln', 'post-ln'],
  ['encoder', 'decoder'],
  ['训练', '推理'],
  ['量化', '反量化'],
  ['quantization', 'dequantization'],
  // terms of the newer chapters (60-68): different methods, formats or model stages that share words
  ['z-loss', 'router z-loss'],
  ['z 损失', '路由 z 损失'],
  ['grpo', 'dr. grpo'],
  ['grpo', 'dapo'],
  ['ppo', 'grpo'],
  ['deepseek-r1', 'deepseek-r1-zero'],
  ['r1', 'r1-zero'],
  ['e4m3', 'e5m2'],
  ['mla', 'gqa'],
  ['mla', 'mqa'],
  ['mqa', 'gqa'],
  ['multi-token prediction', 'speculative decoding'],
  ['qk-norm', 'layernorm'],
  ['qk-norm', 'soft-capping'],
  ['loss spike', 'training divergence'],
  ['损失尖峰', '训练发散'],
  ['critical batch size', 'batch size'],
  ['abf', 'position interpolation'],
  ['yarn', 'ntk-aware scaling'],
  ['μp', 'μtransfer'],
  ['clip-higher', 'dynamic sampling'],
  ['cold start', 'rejection sampling fine-tuning'],
];

export function findFalseSynonyms(terms: readonly GlossaryTerm[]): FalseSynonym[] {
  const found: FalseSynonym[] = [];
  for (const term of terms) {
    const forms = [term.en, ...term.abbr, ...term.zh, ...term.aliases];
    for (let i = 0; i < forms.length; i++) {
      for (let j = i + 1; j < forms.length; j++) {
        const a = forms[i] as string;
        const b = forms[j] as string;
        if (isVersionPair(a, b)) found.push({ entry: term.en, forms: [a, b], reason: 'versions' });
        else if (isDistinctPair(a, b)) found.push({ entry: term.en, forms: [a, b], reason: 'distinct' });
      }
    }
  }
  return found;
}

/** Lower case, NFKC, separators removed. */
function compact(form: string): string {
  return form
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_./·]+/g, '');
}

/** Version numbers and sizes ("3.1", "13b", "350m"). */
const numberPattern = /\d+(?:\.\d+)?(?:[bmk](?![a-z]))?/g;

/** The letters of a name and its numbers: "Baichuan-13B" -> { stem: "baichuan", numbers: "13b" }. */
function parts(form: string): { stem: string; numbers: string } {
  const normalized = form.normalize('NFKC').toLowerCase();
  const numbers = (normalized.match(numberPattern) ?? []).join(',');
  return { stem: compact(normalized.replace(numberPattern, '')), numbers };
}

/** Two names of the same family that differ only in version or size numbers (one may have none). */
export function isVersionPair(a: string, b: string): boolean {
  const left = parts(a);
  const right = parts(b);
  return left.stem.length >= 2 && left.stem === right.stem && left.numbers !== right.numbers;
}

export function isDistinctPair(a: string, b: string): boolean {
  const x = compact(a);
  const y = compact(b);
  return distinctTerms.some(([p, q]) => (compact(p) === x && compact(q) === y) || (compact(p) === y && compact(q) === x));
}
