import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/backend';
import { createRng, normalArray } from '../../src/engine/rng';
(async () => {
  await initBackend('wasm');
  const rng = createRng(3);
  const cases: [number[], number[], boolean, boolean][] = [
    [[256, 65, 4], [256, 65, 4], false, true],
    [[256, 65, 65], [256, 65, 4], true, false],
    [[256, 65, 65], [256, 65, 4], false, false],
    [[256, 65, 4], [256, 4, 65], false, false],
    [[4, 2, 7, 5], [4, 2, 7, 3], true, false],
    [[3, 5, 7], [3, 6, 7], false, true],
    [[3, 7, 5], [3, 6, 7], true, true],
  ];
  for (const [sa, sb, ta, tb] of cases) {
    const a = tf.tensor(normalArray(sa.reduce((p, q) => p * q), 1, rng), sa);
    const b = tf.tensor(normalArray(sb.reduce((p, q) => p * q), 1, rng), sb);
    const got = tf.matMul(a, b, ta, tb);
    // reference: unstack into 2-D products on the cpu path by hand
    const A = a.arraySync() as any, B = b.arraySync() as any;
    const av = a.dataSync(), bv = b.dataSync(), gv = got.dataSync();
    const rank = sa.length;
    const batch = sa.slice(0, -2).reduce((p, q) => p * q, 1);
    const [ar, ac] = [sa[rank - 2], sa[rank - 1]]; const [br, bc] = [sb[rank - 2], sb[rank - 1]];
    const M = ta ? ac : ar, K = ta ? ar : ac, N = tb ? br : bc;
    let maxd = 0;
    for (let t = 0; t < batch; t++) for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) {
        const x = ta ? av[t * ar * ac + k * ac + i] : av[t * ar * ac + i * ac + k];
        const y = tb ? bv[t * br * bc + j * bc + k] : bv[t * br * bc + k * bc + j];
        acc += x * y;
      }
      maxd = Math.max(maxd, Math.abs(acc - gv[t * M * N + i * N + j]));
    }
    let t0 = performance.now(); for (let r = 0; r < 20; r++) tf.matMul(a, b, ta, tb).dispose(); const ms = (performance.now() - t0) / 20;
    console.log(JSON.stringify({ sa, sb, ta, tb, shape: got.shape, maxd, ms: ms.toFixed(3) }));
    void A; void B;
  }
  console.log('tensors', tf.memory().numTensors);
})();
