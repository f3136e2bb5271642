/**
 * Expands a config's `sweep` section into concrete run configs: seeds × every combination of the
 * grid values, and lays them out as a sweep folder (`<root>/<experiment>/<sweepId>/` with
 * `sweep.json` and `configs/job-NNN.replens.json`). Pure, so the CLI and the editor plan the same
 * sweep. `fix` keeps a source of randomness at the base seed while the others vary.
 */
import { type ExperimentConfig, experimentConfigSchema } from './experimentConfig';
import { type SweepIndex, manifestFormatVersion } from './runManifest';

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
      // A job is one run: its config lists its own seed only. The sweep's whole list would make
      // every job config and run.json grow with the sweep (N² bytes over a sweep of N seeds).
      raw.sweep = { ...(raw.sweep as object), seeds: [seed] };
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

/** A sweep ready to run: its folder, its index's fixed fields and every job with its config file. */
export interface PlannedSweep {
  sweepId: string;
  /** Absolute `<root>/<experiment>/<sweepId>`. */
  sweepDir: string;
  experiment: string;
  /** The config the sweep was planned from (absolute), if any. */
  configPath?: string;
  /** Runs at a time, as recorded in `sweep.json`. */
  parallel: number;
  createdAt: string;
  jobs: PlannedJob[];
}

/** One job of a planned sweep: the plan entry and the absolute path of its job config. */
export interface PlannedJob extends SweepJob {
  configFile: string;
}

/** What {@link planSweepFolder} needs besides the config. */
export interface SweepFolderOptions {
  /** `sweep-<runId>` (the caller makes it: a timestamp and a random suffix). */
  sweepId: string;
  /** Absolute folder of the sweep, `<runs root>/<experiment>/<sweepId>`. */
  sweepDir: string;
  configPath?: string;
  parallel: number;
  now: Date;
}

/** Plans a config's sweep into its folder. Throws on bad sweep values (as {@link planSweep}). */
export function planSweepFolder(config: ExperimentConfig, o: SweepFolderOptions): PlannedSweep {
  const sweepDir = o.sweepDir;
  return {
    sweepId: o.sweepId,
    sweepDir,
    experiment: experimentOf(config),
    configPath: o.configPath,
    parallel: o.parallel,
    createdAt: o.now.toISOString(),
    jobs: planSweep(config).map((j) => ({ ...j, configFile: jobConfigFile(sweepDir, j.index) })),
  };
}

/** The experiment name a sweep's folder and runs are filed under. */
export function experimentOf(config: ExperimentConfig): string {
  return config.name ?? 'experiment';
}

/** `<sweepDir>/configs/job-NNN.replens.json`: where a job's config is written. */
export function jobConfigFile(sweepDir: string, index: number): string {
  const sep = sweepDir.includes('\\') && !sweepDir.includes('/') ? '\\' : '/';
  const name = `job-${String(index).padStart(3, '0')}.replens.json`;
  return [sweepDir.replace(/[\\/]+$/, ''), 'configs', name].join(sep);
}

/** The job index of a run made by a sweep, from its config path; undefined for other runs. */
export function jobIndexOfConfig(configPath: string | undefined): number | undefined {
  const m = /job-(\d+)\.replens\.json$/.exec(configPath ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The text of a job's config file (what `replens run` reads). */
export function jobConfigText(job: SweepJob): string {
  return JSON.stringify(job.config, null, 2) + '\n';
}

/** The index a new sweep folder starts with: every job pending. */
export function initialSweepIndex(sweep: PlannedSweep): SweepIndex {
  return {
    formatVersion: manifestFormatVersion,
    sweepId: sweep.sweepId,
    experiment: sweep.experiment,
    configPath: sweep.configPath,
    createdAt: sweep.createdAt,
    parallel: sweep.parallel,
    runs: sweep.jobs.map((j) => ({
      index: j.index,
      seed: j.seed,
      overrides: j.overrides,
      status: 'pending',
    })),
  };
}
