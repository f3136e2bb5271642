/**
 * AdamW with decoupled weight decay, following torch.optim.AdamW (amsgrad=False, maximize=False):
 *   θ ← θ·(1 − lr·λ)
 *   m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²
 *   θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)
 * Weight decay applies to every parameter handed to the optimizer — the embedding, weights and
 * biases alike — which is what PyTorch does for `AdamW(model.parameters())`. Frozen parameters
 * are not handed over, so they are neither updated nor decayed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusedAdamW, hasFusedAdamW } from '../kernels/adamw';

export interface AdamWOptions {
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** Optimizer state as plain arrays, for checkpoints. */
export interface AdamWState {
  step: number;
  expAvg: Map<string, Float32Array>;
  expAvgSq: Map<string, Float32Array>;
}

/** AdamW over a fixed list of named variables. Call `dispose()` when done. */
export class AdamW {
  /** Number of updates applied so far (t in the bias corrections). */
  step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    private readonly vars: { name: string; variable: tf.Variable }[],
    private readonly opts: AdamWOptions,
  ) {
    // tidy frees the zero tensors; the variables keep their own reference to the data.
    this.m = tf.tidy(() => vars.map((p) => tf.variable(tf.zerosLike(p.variable), false)));
    this.v = tf.tidy(() => vars.map((p) => tf.variable(tf.zerosLike(p.variable), false)));
  }

  /** Applies one update with learning rate `lr`; `grads[i]` belongs to the i-th variable. */
  apply(grads: tf.Tensor[], lr: number): void {
    this.step += 1;
    const { beta1, beta2, eps, weightDecay } = this.opts;
    const bc1 = 1 - Math.pow(beta1, this.step);
    const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, this.step));
    const stepSize = lr / bc1;
    if (hasFusedAdamW()) {
      // Same arithmetic in one kernel per parameter (bit-identical; see kernels/adamw.ts).
      const scalars = { decay: 1 - lr * weightDecay, beta1, beta2, eps, stepSize, sqrtBc2 };
      tf.tidy(() => {
        this.vars.forEach(({ variable: p }, i) => {
          const [param, m, v] = fusedAdamW(p, grads[i], this.m[i], this.v[i], scalars);
          this.m[i].assign(m);
          this.v[i].assign(v);
          p.assign(param);
        });
      });
      return;
    }
    tf.tidy(() => {
      this.vars.forEach(({ variable: p }, i) => {
        const g = grads[i];
        const decayed = weightDecay === 0 ? p : tf.mul(p, 1 - lr * weightDecay);
        const m = tf.add(tf.mul(this.m[i], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[i], beta2), tf.mul(tf.mul(g, g), 1 - beta2));
        const denom = tf.add(tf.div(tf.sqrt(v), sqrtBc2), eps);
        this.m[i].assign(m);
        this.v[i].assign(v);
        p.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), stepSize)));
      });
    });
  }

  /** Copies the state out (synchronously reads the moments). */
  getState(): AdamWState {
    const expAvg = new Map<string, Float32Array>();
    const expAvgSq = new Map<string, Float32Array>();
    this.vars.forEach(({ name }, i) => {
      expAvg.set(name, this.m[i].dataSync() as Float32Array);
      expAvgSq.set(name, this.v[i].dataSync() as Float32Array);
    });
    return { step: this.step, expAvg, expAvgSq };
  }

  /** Restores a state saved by `getState`. Throws when a parameter's moments are missing. */
  setState(state: AdamWState): void {
    this.vars.forEach(({ name, variable }, i) => {
      const m = state.expAvg.get(name);
      const v = state.expAvgSq.get(name);
      if (m === undefined || v === undefined) {
        throw new Error(`optimizer state has no moments for parameter "${name}"`);
      }
      tf.tidy(() => {
        this.m[i].assign(tf.tensor(m, variable.shape));
        this.v[i].assign(tf.tensor(v, variable.shape));
      });
    });
    this.step = state.step;
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
