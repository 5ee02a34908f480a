// Bytes each trainable parameter costs by optimizer and precision: working weights, gradients, fp32 master copy
// and optimizer moments. Mixed-precision Adam: 2 + 2 + 4 + 4 + 4 = 16 B (Rajbhandari et al. 2020, ZeRO §3.1).

export const optimizerKinds = ['adamw', 'adam', 'sgd', 'adam8bit'] as const;
export type OptimizerKind = (typeof optimizerKinds)[number];

export const trainingPrecisions = ['mixed', 'bf16', 'fp32'] as const;
/** mixed = fp16/bf16 weights and grads with an fp32 master copy; bf16 = pure bf16, no master; fp32 = all fp32. */
export type TrainingPrecision = (typeof trainingPrecisions)[number];

export interface BytesPerParam {
  weights: number;
  gradients: number;
  masterWeights: number;
  optimizerStates: number;
  explanation: string;
}

export function optimizerBytesPerParam(optimizer: OptimizerKind, precision: TrainingPrecision): BytesPerParam {
  const weights = precision === 'fp32' ? 4 : 2;
  const gradients = weights;
  const masterWeights = precision === 'mixed' ? 4 : 0;
  // Adam keeps two moments (m, v), SGD with momentum one; 8-bit Adam stores both in 1 byte (Dettmers et al. 2022).
  const stateBytes = optimizer === 'adam8bit' ? 1 : precision === 'bf16' ? 2 : 4;
  const stateCount = optimizer === 'sgd' ? 1 : 2;
  const optimizerStates = stateBytes * stateCount;
  const stateNames = optimizer === 'sgd' ? 'momentum' : 'first moment m + second moment v';
  const weightName = precision === 'fp32' ? 'fp32' : 'fp16/bf16';
  const parts = [
    `${weights} B ${weightName} weights`,
    `${gradients} B ${weightName} gradients`,
    ...(masterWeights ? [`${masterWeights} B fp32 master weights (the optimizer updates these; fp16 updates would underflow)`] : []),
    `${optimizerStates} B ${optimizer} ${stateNames} (${stateCount} × ${stateBytes} B)`,
  ];
  const total = weights + gradients + masterWeights + optimizerStates;
  return { weights, gradients, masterWeights, optimizerStates, explanation: `${parts.join(' + ')} = ${total} B` };
}

export function isOptimizerKind(value: string): value is OptimizerKind {
  return (optimizerKinds as readonly string[]).includes(value);
}

export function isTrainingPrecision(value: string): value is TrainingPrecision {
  return (trainingPrecisions as readonly string[]).includes(value);
}
