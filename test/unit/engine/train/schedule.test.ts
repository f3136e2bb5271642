import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng, permutation } from '../../../../src/engine/rng';
import {
  checkpointSteps,
  learningRate,
  minibatchIndices,
} from '../../../../src/engine/train/schedule';
import { experimentConfigSchema } from '../../../../src/shared/experimentConfig';

describe('checkpointSteps', () => {
  it('always includes step 0 and the last step', () => {
    assert.deepEqual(checkpointSteps(7, { every: null, logSpaced: 0 }), [0, 7]);
  });

  it('adds every N-th step below the last', () => {
    assert.deepEqual(checkpointSteps(10, { every: 4, logSpaced: 0 }), [0, 4, 8, 10]);
  });

  it('adds log-spaced steps from 1 to the last, evenly spaced in log(step)', () => {
    const steps = checkpointSteps(1000, { every: null, logSpaced: 4 });
    assert.deepEqual(steps, [0, 1, 10, 100, 1000]);
  });

  it('returns sorted unique steps when schedules overlap', () => {
    const steps = checkpointSteps(100, { every: 10, logSpaced: 3 });
    assert.deepEqual(
      steps,
      [...new Set(steps)].sort((a, b) => a - b),
    );
    assert.ok(steps.includes(10) && steps.includes(1));
  });
});

describe('learningRate', () => {
  it('ramps linearly during warm-up, then stays at the peak', () => {
    const { train } = experimentConfigSchema.parse({
      task: { kind: 'modular-addition' },
      train: { optimizer: { lr: 1 }, lrSchedule: { kind: 'warmup', warmupSteps: 4 } },
    });
    assert.deepEqual(
      [0, 1, 2, 3, 4, 10].map((k) => learningRate(train, k)),
      [0.25, 0.5, 0.75, 1, 1, 1],
    );
  });
});

describe('minibatchIndices', () => {
  const train = Int32Array.from({ length: 10 }, (_, i) => 100 + i);
  const order = (epoch: number): Int32Array => permutation(10, createRng(7, epoch));

  it('visits every training example exactly once per epoch', () => {
    for (const epoch of [0, 1]) {
      const seen = [0, 1, 2, 3].flatMap((b) =>
        Array.from(minibatchIndices(train, 3, epoch * 4 + b, order)),
      );
      assert.deepEqual(seen.sort(), Array.from(train));
    }
  });

  it('gives the last batch of an epoch the remainder', () => {
    assert.equal(minibatchIndices(train, 3, 3, order).length, 1);
  });

  it('depends only on the step, so a resumed run sees the same batches', () => {
    assert.deepEqual(minibatchIndices(train, 3, 5, order), minibatchIndices(train, 3, 5, order));
    assert.notDeepEqual(minibatchIndices(train, 3, 1, order), minibatchIndices(train, 3, 5, order));
  });
});
