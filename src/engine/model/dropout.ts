/**
 * Seeded dropout for the sequence models. Each forward pass in training mode numbers its dropout
 * sites in call order (0, 1, 2, …) and draws site k's mask from the stream (mode.seed, k), so a
 * step's masks depend only on its seed: rerunning or resuming a step gives identical masks.
 * Masks follow PyTorch's nn.Dropout: keep with probability 1 − p, scale kept values by 1/(1 − p).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../rng';
import type { ForwardMode } from './types';

/** Applies dropout at successive sites of one forward pass. */
export type DropoutFn = <T extends tf.Tensor>(x: T, rate: number) => T;

/** Salt so dropout streams differ from the streams the same seed drives elsewhere. */
const dropoutStream = 0x5eed;

/** A dropout function for one forward pass: identity unless `mode.training`. */
export function dropoutFor(mode: ForwardMode | undefined): DropoutFn {
  if (mode?.training !== true) {
    return (x) => x;
  }
  let site = 0;
  return <T extends tf.Tensor>(x: T, rate: number): T => {
    const k = site;
    site += 1;
    if (rate <= 0) {
      return x;
    }
    const mask = dropoutMask(x.size, rate, mode.seed, k);
    return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
  };
}

/** Keep-and-scale mask of n elements: 1/(1 − rate) with probability 1 − rate, else 0. */
export function dropoutMask(n: number, rate: number, seed: number, site: number): Float32Array {
  const rng = createRng(seed, dropoutStream + site);
  const keep = 1 / (1 - rate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = rng.next() >= rate ? keep : 0;
  }
  return out;
}
