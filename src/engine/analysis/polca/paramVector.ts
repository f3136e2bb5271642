/**
 * The trainable parameters of a model as one flat float64 vector θ (variables in order, each
 * row-major, as the Hessian operators lay them out), read from and written back to tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';

/** θ of the variables' current values. */
export function readParams(vars: readonly tf.Variable[]): Float64Array {
  const size = vars.reduce((s, v) => s + v.size, 0);
  const out = new Float64Array(size);
  let offset = 0;
  for (const v of vars) {
    out.set(v.dataSync(), offset);
    offset += v.size;
  }
  return out;
}

/** Sets the variables to θ (rounded to float32). */
export function writeParams(vars: readonly tf.Variable[], theta: Float64Array): void {
  const size = vars.reduce((s, v) => s + v.size, 0);
  if (theta.length !== size) {
    throw new Error(`parameter vector of length ${theta.length} for ${size} parameters`);
  }
  const f32 = Float32Array.from(theta);
  let offset = 0;
  for (const v of vars) {
    tf.tidy(() => v.assign(tf.tensor(f32.subarray(offset, offset + v.size), v.shape, 'float32')));
    offset += v.size;
  }
}

/** θ + c·u as a new vector. */
export function along(theta: Float64Array, c: number, u: Float64Array): Float64Array {
  return theta.map((x, i) => x + c * u[i]);
}
