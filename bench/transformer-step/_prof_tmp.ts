import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/backend';
(async () => {
  await initBackend('wasm');
  const orig = tf.getKernel('BatchMatMul', 'wasm')!;
  const stats = new Map<string, {n:number, ms:number}>();
  tf.unregisterKernel('BatchMatMul','wasm');
  tf.registerKernel({...orig, kernelFunc: (args) => {
    const t0 = performance.now();
    const out = orig.kernelFunc(args);
    const a = args.inputs.a as tf.TensorInfo, b = args.inputs.b as tf.TensorInfo;
    const at = args.attrs as {transposeA:boolean, transposeB:boolean};
    const key = `${a.shape}${at.transposeA?'T':''} x ${b.shape}${at.transposeB?'T':''}`;
    const e = stats.get(key) ?? {n:0, ms:0}; e.n++; e.ms += performance.now()-t0; stats.set(key, e);
    return out;
  }});
  process.argv.push('--reps','1','--check','0','--warmup','2','--steps','3');
  await import('../../bench/transformer-step/replens_step.ts');
  setTimeout(() => { for (const [k,v] of [...stats].sort((x,y)=>y[1].ms-x[1].ms)) console.error(k, v.n, (v.ms/v.n).toFixed(2)); }, 3000);
})();
