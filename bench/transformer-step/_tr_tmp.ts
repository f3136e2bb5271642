import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/backend';
(async () => {
  await initBackend('wasm');
  const x = tf.randomNormal([8320, 256]);
  const time = (name: string, f: () => tf.Tensor | tf.Tensor[]) => { const ts: number[] = []; for (let r = 0; r < 5; r++) { const t0 = performance.now(); tf.dispose(f()); ts.push(performance.now() - t0); } ts.sort((p, q) => p - q); console.log(name, 'min', ts[0].toFixed(3), 'med', ts[2].toFixed(3)); };
  time('split 65', () => tf.split(x, 65, 0));
  const x3 = tf.reshape(x, [65, 128, 256]);
  time('unstack', () => tf.unstack(x3));
  time('unstack axis1', () => tf.unstack(x3, 1));
  time('slice one', () => tf.slice(x, [128, 0], [128, 256]));
  // correctness vs cpu-style reference
  const a = tf.tensor3d(Array.from({ length: 2 * 3 * 4 }, (_, i) => i), [2, 3, 4]);
  console.log(JSON.stringify(tf.slice(a, [0, 1, 1], [2, 2, 2]).arraySync()));
  console.log(JSON.stringify(tf.split(a, [1, 3], 2).map((t) => t.arraySync())));
  console.log(JSON.stringify(tf.unstack(a, 1).map((t) => t.arraySync())));
  const ai = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32');
  console.log(JSON.stringify(tf.slice(ai, [1, 0], [2, 1]).arraySync()), tf.slice(ai, [1, 0], [2, 1]).dtype);
  const sc = tf.slice(tf.tensor1d([1, 2, 3]), [1], [2]); console.log(JSON.stringify(sc.arraySync()));
})();
