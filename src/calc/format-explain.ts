// Renders an Explanation for --explain: every term as formula = substitution = value with units, then the
// assumptions and the sources. Plain text, no colours.
import type { Explanation, FormulaTerm } from './formula-term.js';
import { formatBinaryBytes, formatCount, formatDuration, formatInteger, formatScientific } from './quantities.js';

export function formatExplanation(explanation: Explanation): string {
  const terms = explanation.terms.map(formatTerm).join('');
  const list = (items: string[]) => items.map((item) => `  - ${item}\n`).join('');
  return `\nHow it is computed:\n${terms}\nAssumptions:\n${list(explanation.assumptions)}\nSources:\n${list(explanation.sources)}`;
}

function formatTerm(term: FormulaTerm): string {
  const lines = [`  ${term.label} = ${term.formula}`];
  const pad = ' '.repeat(term.label.length + 3);
  if (term.substitution) lines.push(`  ${pad}= ${term.substitution}`);
  lines.push(`  ${pad}= ${formatTermValue(term)}`);
  return `${lines.join('\n')}\n`;
}

export function formatTermValue(term: FormulaTerm): string {
  switch (term.unit) {
    case 'bytes':
      return `${formatInteger(term.value)} bytes (${formatBinaryBytes(term.value)}, ${(term.value / 1e9).toFixed(2)} GB)`;
    case 'params':
      return `${formatInteger(term.value)} params (${formatCount(term.value)})`;
    case 'FLOPs':
      return `${formatScientific(term.value)} FLOPs`;
    case 'seconds':
      return `${formatInteger(term.value)} s (${formatDuration(term.value)})`;
    case 'tokens/s':
      return `${term.value.toFixed(1)} tokens/s`;
    case 'GPUs':
      return `${term.value} GPUs`;
  }
}
