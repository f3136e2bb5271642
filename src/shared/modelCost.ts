/**
 * Parameter counts and multiply-adds per example of each model kind, for the cost preview. Pure.
 * For sequence models an example is a whole sequence of `seqLen` tokens (the model reads the
 * first seqLen − 1 of them).
 */
import type { ModelConfig } from './experimentConfig';

/** Sizes a model's cost depends on. */
export interface CostShape {
  vocab: number;
  classes: number;
  /** Tokens per sequence (sequence tasks only). */
  seqLen?: number;
}

/** Trainable and frozen parameters of a model. */
export function parameterCount(model: ModelConfig, vocab: number, classes: number): number {
  switch (model.kind) {
    case 'embed-mlp':
      return vocab * model.embedDim + linearParams(mlpWidths(model, classes));
    case 'transformer': {
      const d = model.dModel;
      const block = 3 * d * d + 3 * d + d * d + d + 2 * d * model.dFF + model.dFF + d + 4 * d;
      return vocab * d + model.layers * block + d * classes + classes;
    }
    case 'lstm': {
      const h = model.hidden;
      let params = vocab * model.embedDim + h * classes + classes;
      for (let k = 0; k < model.layers; k++) {
        params += 4 * h * ((k === 0 ? model.embedDim : h) + h) + 8 * h;
      }
      return params;
    }
  }
}

/** Multiply-adds of one forward pass over one example (embedding lookups are not products). */
export function macsPerExample(model: ModelConfig, shape: CostShape): number {
  const t = Math.max(1, (shape.seqLen ?? 2) - 1);
  switch (model.kind) {
    case 'embed-mlp': {
      const widths = mlpWidths(model, shape.classes);
      return widths.slice(1).reduce((macs, w, i) => macs + widths[i] * w, 0);
    }
    case 'transformer': {
      const d = model.dModel;
      // Projections and feed-forward per token, plus scores and mixing over t keys per layer.
      const perToken = model.layers * (4 * d * d + 2 * d * model.dFF) + d * shape.classes;
      return t * perToken + model.layers * 2 * t * t * d;
    }
    case 'lstm': {
      const h = model.hidden;
      let perToken = h * shape.classes;
      for (let k = 0; k < model.layers; k++) {
        perToken += 4 * h * ((k === 0 ? model.embedDim : h) + h);
      }
      return t * perToken;
    }
  }
}

/** Input width of an MLP, its hidden widths, and the number of classes. */
function mlpWidths(model: Extract<ModelConfig, { kind: 'embed-mlp' }>, classes: number): number[] {
  const input = model.combine === 'concat' ? 2 * model.embedDim : model.embedDim;
  return [input, ...model.hidden, classes];
}

function linearParams(widths: number[]): number {
  return widths.slice(1).reduce((n, w, i) => n + widths[i] * w + w, 0);
}
