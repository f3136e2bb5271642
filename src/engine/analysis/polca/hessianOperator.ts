/**
 * The Hessian operator of a model's loss on a batch: exact double backprop where the model's ops
 * support it, else central differences of gradients (the model's loss must then be smooth).
 * Which one a model gets is decided once, by a probe product, and reported. Exact products reuse
 * one recording of the forward and backward pass per point (`recordedHvp`), made again when the
 * weights change; `dispose` frees it.
 */
import { type HvpOperator, finiteDifferenceHvp } from '../../hessian/hvp';
import { recordedHvp } from '../../hessian/recordedHvp';
import { modelLossFn, trainableVariables } from '../../hessian/loss';
import type { Model, ModelBatch } from '../../model/types';

/** Hessian operators of one model and batch, at whatever weights the model holds when applied. */
export interface HessianSource {
  method: HvpOperator['method'];
  /** Why exact products were refused (finite differences only). */
  reason?: string;
  operator: HvpOperator;
  dispose(): void;
}

/** Picks exact products if a probe succeeds, else finite differences. */
export function hessianSource(model: Model, batch: ModelBatch): HessianSource {
  const vars = trainableVariables(model);
  const loss = modelLossFn(model, batch);
  const exact = recordedHvp(loss, vars);
  try {
    const probe = new Float64Array(exact.dim);
    probe[0] = 1;
    exact.apply(probe);
    return { method: 'exact', operator: exact, dispose: () => exact.dispose() };
  } catch (e) {
    exact.dispose();
    const reason = (e as Error).message;
    if (!/not supported/.test(reason)) {
      throw e;
    }
    const operator = finiteDifferenceHvp(loss, vars);
    return { method: 'finite-difference', reason, operator, dispose: () => undefined };
  }
}
