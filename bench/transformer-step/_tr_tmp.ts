import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/backend';
(async () => {
  await initBackend('wasm');
  const time = (name: string, f: () => tf.Tensor | tf.Tensor[]) => { const ts: number[] = []; for (let r = 0; r < 9; r++) { const t0 = performance.now(); tf.dispose(f()); ts.push(performance.now() - t0); } ts.sort((p, q) => p - q); console.log(name, 'min', ts[0].toFixed(3), 'med', ts[4].toFixed(3)); };
  const parts = [0, 1, 2].map(() => tf.randomNormal([4160, 16]));
  time('concat axis1', () => tf.concat(parts, 1));
  const a = tf.tensor3d(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
  const b = tf.tensor3d(Array.from({ length: 12 }, (_, i) => 100 + i), [2, 3, 2]);
  console.log(JSON.stringify(tf.concat([a, b], 2).arraySync()));
  console.log(JSON.stringify(tf.concat([a, a], 0).shape), JSON.stringify(tf.concat([a, tf.slice(a, [0, 0, 0], [2, 1, 4])], 1).arraySync()));
  console.log(JSON.stringify(tf.concat([tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3], 'int32')]).arraySync()));
})();
