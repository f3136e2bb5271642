/** The seed each source of randomness of a run uses (pure; no tfjs). */
import type { ExperimentConfig } from '../../shared/experimentConfig';

export type RunSeeds = {
  data: number;
  embedding: number;
  mlp: number;
  batches: number;
};

/** Per-component seeds: explicit `train.seeds` (and `task.splitSeed`) over `train.seed`. */
export function resolveSeeds(config: ExperimentConfig): RunSeeds {
  const s = config.train.seeds;
  const seed = config.train.seed;
  return {
    data: config.task.splitSeed ?? s.data ?? seed,
    embedding: s.embedding ?? seed,
    mlp: s.mlp ?? seed,
    batches: s.batches ?? seed,
  };
}
