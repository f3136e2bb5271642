import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSeeds } from '../../../src/engine/train/seeds';
import { planSweep } from '../../../src/shared/sweepPlan';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';

const base = (sweep: object) =>
  experimentConfigSchema.parse({
    task: { kind: 'modular-addition', p: 7 },
    train: { seed: 5 },
    sweep,
  });

describe('planSweep', () => {
  it('fix: ["embedding"] keeps the embedding seed while the others follow the run seed', () => {
    const jobs = planSweep(base({ seeds: [0, 1, 2], fix: ['embedding'] }));
    assert.deepEqual(
      jobs.map((j) => resolveSeeds(j.config)),
      [0, 1, 2].map((s) => ({ data: s, embedding: 5, mlp: s, batches: s })),
    );
  });

  it('fix: ["mlp", "dataset"] keeps those and varies the embedding', () => {
    const jobs = planSweep(base({ seeds: [0, 1], fix: ['mlp', 'dataset'] }));
    assert.deepEqual(
      jobs.map((j) => resolveSeeds(j.config)),
      [0, 1].map((s) => ({ data: 5, embedding: s, mlp: 5, batches: s })),
    );
  });

  it('a grid over train.seeds.embedding wins over fix, giving one fixed E0 per cell', () => {
    const jobs = planSweep(
      base({ seeds: [0, 1], fix: ['embedding'], grid: { 'train.seeds.embedding': [10, 11] } }),
    );
    assert.deepEqual(
      jobs.map((j) => [resolveSeeds(j.config).embedding, resolveSeeds(j.config).mlp]),
      [
        [10, 0],
        [10, 1],
        [11, 0],
        [11, 1],
      ],
    );
  });

  it("a job's config lists its own seed, not the sweep's, and keeps the rest of the sweep", () => {
    const grid = { 'model.embedDim': [8, 16] };
    const jobs = planSweep(base({ seeds: [0, 1, 2], fix: ['embedding'], grid }));
    assert.deepEqual(
      jobs.map((j) => [j.overrides['model.embedDim'], j.config.sweep.seeds]),
      [8, 16].flatMap((d) => [0, 1, 2].map((s) => [d, [s]])),
    );
    assert.deepEqual(jobs[4].config.sweep.fix, ['embedding']);
    assert.deepEqual(jobs[4].config.sweep.grid, grid);
  });

  it('a grid over the perturbation scale needs the perturbation in the base config', () => {
    assert.throws(
      () => planSweep(base({ grid: { 'model.embedPerturbation.scale': [1, 2] } })),
      /does not exist in the config/,
    );
  });
});
