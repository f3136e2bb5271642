import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { pca } from '../../../src/engine/analysis/pca';
import type { EmbeddingTrajectoryResult } from '../../../src/shared/embeddingResults';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { listCheckpoints } from '../../../src/storage/runStore';
import { replens, replensResult, requireBuild, trainRun } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';

const dir = tempDir();
let runDir = '';

/** Squared distances between all pairs of rows: invariant under orthogonal maps. */
function pairDistances(rows: ArrayLike<number>[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      out.push(Array.from(rows[i]).reduce((s, v, c) => s + (v - rows[j][c]) ** 2, 0));
    }
  }
  return out;
}

describe('replens analyze embedding', () => {
  before(() => {
    requireBuild();
    runDir = trainRun(dir, 'emb', tinyConfig({ task: { p: 11 } }));
  });

  it('projects every checkpoint on the axes of its task by default, as the panel does', () => {
    const traj = replensResult<EmbeddingTrajectoryResult>(
      ['analyze', 'embedding', runDir],
      'embedding',
    );
    assert.deepEqual(traj.steps, listCheckpoints(runDir));
    assert.equal(traj.tokens.length, 11);
    assert.equal(traj.projection?.kind, 'fourier');
    assert.deepEqual(traj.projection.available.slice().sort(), ['fourier', 'pca']);
  });

  it('prints the aligned PCA trajectory with --projection pca', () => {
    const traj = replensResult<EmbeddingTrajectoryResult>(
      ['analyze', 'embedding', runDir, '--projection', 'pca'],
      'embedding',
    );
    assert.equal(traj.projection?.kind, 'pca');
    // The last step's projection is the checkpoint's own top-2 PCA up to a rotation.
    const step = traj.steps.at(-1) ?? -1;
    const e = readCheckpoint(checkpointFile(runDir, step)).tensors.get('embedding.weight');
    assert.ok(e !== undefined);
    const fit = pca({ rows: 11, cols: e.shape[1], data: Float64Array.from(e.data) }, { k: 2 });
    const want = pairDistances(
      Array.from({ length: 11 }, (_, i) => fit.projections.data.subarray(2 * i, 2 * i + 2)),
    );
    pairDistances(traj.points.at(-1) ?? []).forEach((d, i) =>
      assert.ok(Math.abs(d - want[i]) <= 1e-9 * (1 + want[i]), `pair ${i}`),
    );
    assert.ok(Math.abs((traj.explained.at(-1)?.[0] ?? -1) - fit.explainedVarianceRatio[0]) < 1e-12);
  });

  it('takes the task projections, 3-D coordinates and a text report', () => {
    const fourier = replensResult<EmbeddingTrajectoryResult>(
      ['analyze', 'embedding', runDir, '--projection', 'fourier', '--frequency', '3'],
      'embedding',
    );
    assert.equal(fourier.projection?.kind, 'fourier');
    assert.equal(fourier.projection.kind === 'fourier' ? fourier.projection.k : 0, 3);
    const three = replensResult<EmbeddingTrajectoryResult>(
      ['analyze', 'embedding', runDir, '--projection', 'pca', '--k', '3'],
      'embedding',
    );
    assert.equal(three.points[0][0].length, 3);
    const text = replens(['analyze', 'embedding', runDir]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /embedding\.weight: 11 tokens, 4 checkpoints, projection fourier/);
    assert.equal(text.stdout.trim().split('\n').length, 3 + 4);
  });

  it('refuses what it cannot project, with exit 2 and the reason', () => {
    const cases: [string[], RegExp][] = [
      [['--k', '4'], /--k 4: expected 2 or 3/],
      [['--projection', 'walsh'], /walsh/],
      [['--projection', 'fourier', '--frequency', '9'], /frequency|9/],
      [['--frequency', '2'], /--frequency needs --projection fourier/],
    ];
    for (const [args, message] of cases) {
      const r = replens(['analyze', 'embedding', runDir, ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const missing = replens(['analyze', 'embedding', path.join(dir, 'nowhere')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such run folder/);
    const notRun = replens(['analyze', 'embedding', dir]);
    assert.equal(notRun.code, 2, notRun.stderr);
  });
});
