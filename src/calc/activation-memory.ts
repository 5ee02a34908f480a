// Training activation memory per GPU, after Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large
// Transformer Models", Table 2, no tensor/sequence parallelism), with and without full gradient checkpointing.
import type { FormulaTerm } from './formula-term.js';
import type { ModelConfig } from './model-config.js';

export interface ActivationInput {
  model: ModelConfig;
  seqLen: number;
  microBatch: number;
  /** Full activation checkpointing: only each layer's input is kept; a layer is recomputed during backward. */
  checkpointing: boolean;
  /** FlashAttention: the seq × seq scores, softmax and dropout mask (the 5·a·s/h term) are never stored. */
  flashAttention: boolean;
}

export interface ActivationMemory {
  bytes: number;
  perLayerBytes: number;
  term: FormulaTerm;
  assumption: string;
}

export function computeActivationMemory(input: ActivationInput): ActivationMemory {
  const { model, seqLen: s, microBatch: b } = input;
  const h = model.hiddenSize;
  const a = model.heads;
  const L = model.layers;
  // 34·s·b·h bytes: fp16 inputs of QKV, attention output, both LayerNorms, the 4h MLP, GeLU input and dropout masks.
  // 5·a·s²·b bytes: the attention scores (2), softmax output (2) and its dropout mask (1) per head.
  const attentionScores = input.flashAttention ? 0 : (5 * a * s) / h;
  const perLayerBytes = s * b * h * (34 + attentionScores);
  const perLayerFormula = input.flashAttention ? 's·b·h·34' : 's·b·h·(34 + 5·a·s/h)';
  const perLayerSubstitution = input.flashAttention ? `${s}·${b}·${h}·34` : `${s}·${b}·${h}·(34 + 5·${a}·${s}/${h})`;
  // Korthikanti §4.2: the output layer and the fp32 cross-entropy need 4·s·b·v bytes.
  const logitsBytes = 4 * s * b * model.vocabSize;
  if (input.checkpointing) {
    const kept = L * 2 * s * b * h;
    return {
      bytes: kept + perLayerBytes + logitsBytes,
      perLayerBytes,
      term: {
        label: 'activations (full checkpointing)',
        formula: `L·2·s·b·h (fp16 layer inputs) + one layer recomputed ${perLayerFormula} + 4·s·b·vocab (fp32 logits)`,
        substitution: `${L}·2·${s}·${b}·${h} + ${perLayerSubstitution} + 4·${s}·${b}·${model.vocabSize}`,
        value: kept + perLayerBytes + logitsBytes,
        unit: 'bytes',
      },
      assumption:
        'Activations: full gradient checkpointing keeps only each layer input (2·s·b·h bytes in fp16) and recomputes one layer at a time in backward (+ its full activations), after Korthikanti et al. 2022.',
    };
  }
  return {
    bytes: L * perLayerBytes + logitsBytes,
    perLayerBytes,
    term: {
      label: 'activations (no recomputation)',
      formula: `L·${perLayerFormula} + 4·s·b·vocab (fp32 logits)`,
      substitution: `${L}·${perLayerSubstitution} + 4·${s}·${b}·${model.vocabSize}`,
      value: L * perLayerBytes + logitsBytes,
      unit: 'bytes',
    },
    assumption: `Activations: Korthikanti et al. 2022, per layer ${perLayerFormula} bytes in fp16 without recomputation${input.flashAttention ? ' (FlashAttention drops the 5·a·s/h attention-score term)' : ' (standard attention materialises the s × s scores)'}; the 34 assumes a GPT-style 4h MLP, so gated FFNs differ by a few s·b·h.`,
  };
}
