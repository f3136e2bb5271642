/**
 * The LSTM cell update from pre-activation gates [B, 4H] (PyTorch order i, f, g, o) and the
 * previous cell state (absent = zeros at the first step): returns (h', c').
 */
import * as tf from '@tensorflow/tfjs-core';

export function lstmCell(
  gates: tf.Tensor2D,
  c: tf.Tensor2D | undefined,
): [h: tf.Tensor2D, c: tf.Tensor2D] {
  const [gi, gf, gg, go] = tf.split<tf.Tensor2D>(gates, 4, 1);
  const input = tf.mul<tf.Tensor2D>(tf.sigmoid(gi), tf.tanh(gg));
  const cNext: tf.Tensor2D =
    c === undefined ? input : tf.add<tf.Tensor2D>(tf.mul(tf.sigmoid(gf), c), input);
  return [tf.mul<tf.Tensor2D>(tf.sigmoid(go), tf.tanh(cNext)), cNext];
}
