/**
 * Expands a config's `sweep` section into concrete run configs: seeds × every combination of the
 * grid values. Pure. `fix` keeps a source of randomness at the base seed while the others vary.
 */
import { type ExperimentConfig, experimentConfigSchema } from '../shared/experimentConfig';

/** One run of a sweep. */
export interface SweepJob {
  index: number;
  seed: number;
  /** Grid values of this job, by dotted path. */
  overrides: Record<string, unknown>;
  config: ExperimentConfig;
}

/** All jobs of a sweep, in a stable order (grid cells outer, seeds inner). Throws on bad values. */
export function planSweep(base: ExperimentConfig): SweepJob[] {
  const { seeds, grid, fix } = base.sweep;
  const cells = gridCells(grid);
  const jobs: SweepJob[] = [];
  for (const overrides of cells) {
    for (const seed of seeds) {
      const raw = structuredClone(base) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(overrides)) {
        setPath(raw, key.split('.'), value);
      }
      const train = raw.train as Record<string, unknown>;
      train.seed = seed;
      // Seeds set in the config or by the grid (e.g. `train.seeds.embedding`) win over `fix`.
      train.seeds = { ...fixedSeeds(fix, base.train.seed), ...(train.seeds as object) };
      const parsed = experimentConfigSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `sweep value ${JSON.stringify(overrides)} gives an invalid config at "${issue.path.join('.')}": ${issue.message}`,
        );
      }
      jobs.push({
        index: jobs.length,
        seed,
        overrides,
        config: { ...parsed.data, name: base.name },
      });
    }
  }
  return jobs;
}

function fixedSeeds(
  fix: ExperimentConfig['sweep']['fix'],
  baseSeed: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of fix) {
    out[f === 'dataset' ? 'data' : f] = baseSeed;
  }
  return out;
}

/** Cartesian product of the grid's value lists; one empty cell for an empty grid. */
export function gridCells(grid: Record<string, unknown[]>): Record<string, unknown>[] {
  let cells: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    cells = cells.flatMap((cell) => values.map((v) => ({ ...cell, [key]: v })));
  }
  return cells;
}

function setPath(obj: Record<string, unknown>, keys: string[], value: unknown): void {
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    if (next === null || typeof next !== 'object') {
      throw new Error(`sweep path "${keys.join('.')}" does not exist in the config`);
    }
    cur = next as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}
