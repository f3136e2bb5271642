/**
 * Set-ups the Hessian-vector product tests share: a one-layer transformer on two aⁿbⁿ sequences
 * with its training batch, a model's loss on a batch with its exact HVP operator, and freeing a
 * model with its batch.
 */
import { exactHvp } from '../../src/engine/hessian/hvp';
import { modelLossFn, trainableVariables } from '../../src/engine/hessian/loss';
import type { Model, ModelBatch } from '../../src/engine/model/types';
import { disposeBatch, disposeModel } from '../unit/engine/hessian/hessianHelpers';
import { anbn, build, sequences } from '../unit/engine/model/sequenceModelHelpers';

/** A one-layer transformer (`norm`: where its LayerNorms stand) and its training batch. */
export function tinyTransformer(norm: 'pre' | 'post'): { model: Model; batch: ModelBatch } {
  const ds = sequences([anbn(1, 6), anbn(2, 6)]);
  const config = {
    kind: 'transformer',
    dModel: 8,
    heads: 2,
    layers: 1,
    dFF: 16,
    dropout: 0,
    layerNormEps: 1e-5,
    norm,
  } as const;
  const model = build(config, ds);
  return { model, batch: model.batch(ds, ds.train) };
}

/** The loss of a model on a batch, its trainable variables and the exact operator of both. */
export function operatorOf(model: Model, batch: ModelBatch) {
  const lossFn = modelLossFn(model, batch);
  const params = trainableVariables(model);
  return { lossFn, params, exact: exactHvp(lossFn, params) };
}

/** Frees a batch and the model it was made for. */
export function disposeAll(model: Model, batch: ModelBatch): void {
  disposeBatch(batch);
  disposeModel(model);
}
