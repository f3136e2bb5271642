/**
 * The flat parameter vector of the Hessian operators: the variables' elements in list order, each
 * row-major as tfjs holds it (linear weights as [in, out]), float64 outside and float32 tensors
 * inside.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The variables' shapes; throws for an empty list or a variable that is not float32. */
export function shapesOf(params: tf.Variable[]): number[][] {
  if (params.length === 0) {
    throw new Error('Hessian-vector products need at least one variable');
  }
  for (const p of params) {
    if (p.dtype !== 'float32') {
      throw new Error(`Hessian-vector products need float32 variables; ${p.name} is ${p.dtype}`);
    }
  }
  return params.map((p) => p.shape);
}

/** Number of elements of all the shapes together. */
export function sizeOf(shapes: number[][]): number {
  return shapes.reduce((s, shape) => s + shape.reduce((p, q) => p * q, 1), 0);
}

/** Throws unless v has the operator's dimension. */
export function checkLength(v: Float64Array, dim: number): void {
  if (v.length !== dim) {
    throw new Error(`vector of length ${v.length} for an operator of dimension ${dim}`);
  }
}

/** v split into float32 tensors of the given shapes (in the current scope). */
export function toTensors(v: Float64Array, shapes: number[][]): tf.Tensor[] {
  const f32 = Float32Array.from(v);
  let offset = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((p, q) => p * q, 1);
    const t = tf.tensor(f32.subarray(offset, offset + n), shape, 'float32');
    offset += n;
    return t;
  });
}

/** The tensors' elements, in order, as one float64 vector; disposes the tensors. */
export function flatten(tensors: tf.Tensor[], dim: number): Float64Array {
  const out = new Float64Array(dim);
  let offset = 0;
  for (const t of tensors) {
    out.set(t.dataSync(), offset);
    offset += t.size;
  }
  tf.dispose(tensors);
  return out;
}
