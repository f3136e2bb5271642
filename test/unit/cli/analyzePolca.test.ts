import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { HessianResult, PolcaResult } from '../../../src/shared/polcaResults';
import { replens, replensResult, requireBuild, trainRun } from '../../helpers/cli';
import { tempDir } from '../../helpers/runs';

const dir = tempDir();

/** Two-digit addition with a tiny transformer: a few seconds of training. */
const config = {
  name: 'add-cli',
  task: { kind: 'addition', digits: 2, count: 1500 },
  model: { kind: 'transformer', dModel: 16, heads: 2, layers: 1, dFF: 32, dropout: 0 },
  train: { steps: 90, batchSize: 256, logEvery: 30, optimizer: { lr: 0.01, weightDecay: 0.01 } },
  checkpoints: { every: 30, logSpaced: 0 },
  // Defaults of the run's POLCA, below the command's flags.
  analyses: [{ kind: 'polca', features: 'cumulative', minGroup: 10 }],
};

const json = <T>(args: string[]): T => replensResult<T>(args, args[1]);

describe('replens analyze hessian|polca', () => {
  let runDir = '';
  before(() => {
    requireBuild();
    runDir = trainRun(dir, 'add', config, []);
  });

  it('prints the top Hessian eigenvalues at every checkpoint', () => {
    const r = json<HessianResult>(['analyze', 'hessian', runDir, '--k', '2', '--iterations', '8']);
    assert.deepEqual(
      r.checkpoints.map((c) => [c.step, c.eigenvalues.length]),
      [
        [0, 2],
        [30, 2],
        [60, 2],
        [90, 2],
      ],
    );
    assert.equal(r.settings.method, 'exact');
  });

  it('prints POLCA against the carry labels with the baseline and the controls; flags win over the config', () => {
    const args = ['analyze', 'polca', runDir, '--k', '2', '--iterations', '8'];
    const r = json<PolcaResult>([...args, '--features', 'zscore', '--analysis-examples', '80']);
    assert.equal(r.features, 'zscore');
    assert.equal(r.tokens, 80 * 3);
    for (const scores of [r.ari, r.ariDominant]) {
      for (const v of [scores.polca, scores.lossBaseline, scores.randomBasis]) {
        assert.ok(typeof v === 'number' && v >= -1 && v <= 1, `ARI ${v}`);
      }
    }
    assert.ok(Number.isFinite(r.residual));
    const text = replens(args);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /ARI against carryIn \(cumulative\), best-agreeing vector per group/);
    assert.match(text.stdout, /dominant vector per group \(chosen without the labels\): POLCA/);
  });

  it('names the bad option and the accepted values', () => {
    for (const [flag, value, accepted] of [
      ['--features', 'shape', /--features "shape": expected cumulative, increments, zscore/],
      ['--allocation', 'exact', /--allocation "exact": expected taylor or path/],
    ] as const) {
      const r = replens(['analyze', 'polca', runDir, flag, value]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, accepted);
    }
    const none = replens(['analyze', 'polca', path.join(dir, 'nowhere')]);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /nowhere: no such run folder/);
  });
});
