// LoRA trainable parameters: for each targeted linear d_in × d_out of every layer, r·(d_in + d_out)
// (the A: d_in × r and B: r × d_out matrices of Hu et al. 2021). Targets the model lacks contribute nothing.
import type { LinearTarget, ModelConfig } from './model-config.js';
import { linearShapes } from './param-count.js';

export interface LoraParameters {
  trainableParams: number;
  perLayerParams: number;
  /** Targets with their d_in × d_out, in the order given. */
  targets: { target: LinearTarget; inFeatures: number; outFeatures: number }[];
  formula: string;
  substitution: string;
}

export function loraParameters(model: ModelConfig, rank: number, targets: readonly LinearTarget[]): LoraParameters {
  const shapes = linearShapes(model);
  const found = targets.flatMap((target) => {
    const shape = shapes[target];
    return shape ? [{ target, ...shape }] : [];
  });
  const perLayerParams = found.reduce((sum, shape) => sum + rank * (shape.inFeatures + shape.outFeatures), 0);
  return {
    trainableParams: perLayerParams * model.layers,
    perLayerParams,
    targets: found,
    formula: 'layers × Σ over targets r·(d_in + d_out)',
    substitution: `${model.layers} × ${rank} × (${found.map((shape) => `(${shape.inFeatures} + ${shape.outFeatures})`).join(' + ')})`,
  };
}

/** Targets of `wanted` that this model has no linear for (e.g. gate on a GeLU MLP). */
export function missingLoraTargets(model: ModelConfig, wanted: readonly LinearTarget[]): LinearTarget[] {
  const shapes = linearShapes(model);
  return wanted.filter((target) => shapes[target] === undefined);
}
