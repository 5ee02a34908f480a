// The explanation every calculator returns beside its numbers: each term of the formula with its substituted
// values, the assumptions made and the sources of the constants. Rendered by format-explain.ts and kept in --json.

export type TermUnit = 'bytes' | 'params' | 'FLOPs' | 'seconds' | 'tokens/s' | 'GPUs';

export interface FormulaTerm {
  label: string;
  /** Symbolic formula, e.g. "2 × layers × kvHeads × headDim × seq × batch × bytes". */
  formula: string;
  /** The same with the numbers put in, e.g. "2 × 32 × 32 × 128 × 4096 × 1 × 2". */
  substitution: string;
  value: number;
  unit: TermUnit;
}

export interface Explanation {
  terms: FormulaTerm[];
  assumptions: string[];
  sources: string[];
}
