import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/model/registry';
import { createRng } from '../../src/engine/rng';
import { AdamW } from '../../src/engine/train/adamw';
import { crossEntropy } from '../../src/engine/train/loss';
import { anbnBatch } from './replens_step';
(async () => {
  await initBackend('wasm');
  const ds = anbnBatch(Number(process.env.B ?? 128), 64);
  const model = createModel({ kind: 'lstm', embedDim: 10, hidden: 64, layers: Number(process.env.L ?? 5), dropout: 0.4 }, ds, { embedding: createRng(1), mlp: createRng(2) });
  const opt = new AdamW(model.params, { weightDecay: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
  const batch = model.batch(ds, ds.train);
  const vars = model.params.map((p) => p.variable);
  const step = (k: number) => { const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(batch, [], { training: true, seed: k }).logits, batch.targets, batch.weights), vars); opt.apply(vars.map((v) => grads[v.name]), 1e-3); tf.dispose(Object.values(grads)); return value; };
  for (let k = 0; k < 2; k++) tf.dispose(step(k));
  const t0 = performance.now(); for (let k = 0; k < 3; k++) { const v = step(k); v.dataSync(); v.dispose(); }
  console.log('ms/step', ((performance.now() - t0) / 3).toFixed(1));
  if (process.env.PROF) { const prof = await tf.profile(() => tf.dispose(step(9))); const m = new Map<string, number[]>(); for (const k of prof.kernels) { const e = m.get(k.name) ?? [0, 0]; e[0]++; e[1] += Number(await k.kernelTimeMs); m.set(k.name, e); } console.log([...m].sort((a, b) => b[1][1] - a[1][1]).slice(0, 15).map(([n, [c, ms]]) => `${n} ${c} ${ms.toFixed(1)}`).join('\n')); }
})();
