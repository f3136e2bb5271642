import { initBackend } from '/work/main/src/engine/backend';
import { parseConfig } from '/work/main/src/shared/parseConfig';
import { createSession } from '/work/main/src/engine/train/session';
import { train } from '/work/main/src/engine/train/loop';
import * as tf from '@tensorflow/tfjs-core';
async function main() {
  const info = await initBackend((process.argv[2] ?? 'auto') as 'auto');
  console.log(info);
  const { config, problems } = parseConfig(JSON.stringify({ task: { kind: 'modular-addition', p: 59 }, train: { steps: 200, logEvery: 50, optimizer: { lr: 0.01, weightDecay: 3 } } }), 'm.replens.json');
  if (!config) throw new Error(JSON.stringify(problems));
  const s = createSession(config);
  const t0 = Date.now();
  for await (const e of train(s, { fromStep: 0 })) if (e.type === 'metrics' || e.type === 'end') console.log(JSON.stringify(e));
  console.log('ms/step', (Date.now() - t0) / 200, tf.memory().numTensors);
  s.dispose(); console.log(tf.memory().numTensors);
}
main();
