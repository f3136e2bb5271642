/** Builders for tiny experiment configs and temp folders used by run tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type ExperimentConfig, experimentConfigSchema } from '../../src/shared/experimentConfig';

/** A modular-addition config small enough to train in about a second on wasm. */
export function tinyConfig(
  overrides: { train?: object; checkpoints?: object; task?: object; model?: object } = {},
): ExperimentConfig {
  return experimentConfigSchema.parse({
    name: 'tiny',
    task: { kind: 'modular-addition', p: 13, trainFraction: 0.8, ...overrides.task },
    model: {
      kind: 'embed-mlp',
      embedDim: 16,
      hidden: [32],
      activation: 'silu',
      ...overrides.model,
    },
    train: {
      steps: 30,
      logEvery: 5,
      optimizer: { lr: 0.01, weightDecay: 1 },
      seed: 3,
      ...overrides.train,
    },
    checkpoints: { every: 10, logSpaced: 0, ...overrides.checkpoints },
  });
}

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = 'replens-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
