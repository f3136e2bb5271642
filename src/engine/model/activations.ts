/** Activation functions built from primitive tfjs ops (twice differentiable, all backends). */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../shared/experimentConfig';

const geluC = Math.sqrt(2 / Math.PI);

/** Applies an activation element-wise. gelu is the tanh approximation (PyTorch approximate='tanh'). */
export function activate(x: tf.Tensor2D, kind: Activation): tf.Tensor2D {
  switch (kind) {
    case 'relu':
      return tf.relu(x);
    case 'silu':
      return tf.mul(x, tf.sigmoid(x));
    case 'gelu': {
      // x*x*x instead of pow: pow is slow on wasm and its gradient needs extra kernels.
      const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), geluC);
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
    }
  }
}
