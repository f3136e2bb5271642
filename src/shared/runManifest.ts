/**
 * `run.json`, the manifest of one run directory, and the sweep index `sweep.json`. Validated with
 * zod whenever read from disk, so a foreign or damaged file gives a clear error, not a crash.
 */
import { z } from 'zod';

export const manifestFormatVersion = 1;

export const runStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type RunStatus = z.output<typeof runStatusSchema>;

export const finalMetricsSchema = z.object({
  step: z.number(),
  trainLoss: z.number(),
  trainAcc: z.number(),
  testLoss: z.number(),
  testAcc: z.number(),
});
export type FinalMetrics = z.output<typeof finalMetricsSchema>;

/** The run a fine-tune started from: a checkpoint of another run (`model.init.from`). */
export const runParentSchema = z.object({
  /** The parent's run id (its folder name). */
  runId: z.string(),
  /** Absolute path of the parent's run folder when the fine-tune started. */
  runDir: z.string(),
  /** The parent's experiment name. */
  experiment: z.string(),
  /** Step of the parent's checkpoint the fine-tune started from. */
  step: z.number(),
});
export type RunParent = z.output<typeof runParentSchema>;

/** Where a run's initial weights came from (`model.init`), recorded when the run started. */
export const runInitSchema = z.object({
  /** Absolute path of the safetensors file read. */
  from: z.string(),
  /** SHA-256 of that file, hex. */
  sha256: z.string(),
  /** Replens tensor names loaded from the file. */
  loaded: z.array(z.string()),
  /** Replens tensor names left at their initial values (`skip`, or not loadable with `strict: false`). */
  skipped: z.array(z.string()),
  /** Problems tolerated with `strict: false` (missing, extra or mis-shaped tensors). */
  warnings: z.array(z.string()).default([]),
  /** Set when the file is a checkpoint of another run: this run is a fine-tune of that run. */
  parent: runParentSchema.optional(),
});
export type RunInit = z.output<typeof runInitSchema>;

export const runManifestSchema = z.object({
  formatVersion: z.literal(manifestFormatVersion),
  runId: z.string(),
  experiment: z.string(),
  /** The resolved config (defaults filled in) the run trains. */
  config: z.record(z.string(), z.unknown()),
  configHash: z.string(),
  /** Path of the config file the run came from, if any. */
  configPath: z.string().optional(),
  seed: z.number(),
  seeds: z.record(z.string(), z.number()),
  backend: z.object({
    name: z.string(),
    requested: z.string(),
    tfBackend: z.string(),
    simd: z.boolean().optional(),
    threads: z.number().optional(),
    fallbacks: z.array(z.string()),
  }),
  versions: z.record(z.string(), z.string()),
  status: runStatusSchema,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  steps: z.number(),
  lastStep: z.number(),
  checkpoints: z.array(z.number()),
  final: finalMetricsSchema.optional(),
  error: z.string().optional(),
  /** Times this run was resumed, with the step each resume started from. */
  resumes: z.array(z.object({ at: z.string(), fromStep: z.number() })).default([]),
  wallSeconds: z.number().default(0),
  /** The given split (`task.split.trainIndices`): its file, SHA-256 and train/test sizes. */
  split: z
    .object({ trainIndices: z.string(), sha256: z.string(), train: z.number(), test: z.number() })
    .optional(),
  /** Set when early stopping ended the run: the stop step and the best validation loss. */
  earlyStop: z
    .object({ step: z.number(), bestStep: z.number(), bestTestLoss: z.number() })
    .optional(),
  /** Set when the run started from given weights (`model.init`). */
  init: runInitSchema.optional(),
});
export type RunManifest = z.output<typeof runManifestSchema>;

/** One `sbatch` of a sweep's array: its job id and the job indices it runs. */
export const slurmSubmissionSchema = z.object({
  jobId: z.string(),
  indices: z.array(z.number()),
  submittedAt: z.string(),
  /** At most this many tasks at once (`%K`), when given. */
  throttle: z.number().optional(),
});
export type SlurmSubmission = z.output<typeof slurmSubmissionSchema>;

/** A Slurm sweep's scheduler record, written only by the submitting command, never by tasks. */
export const sweepSlurmSchema = z.object({
  /** The sbatch script, relative to the sweep folder. */
  script: z.string(),
  /** The sbatch options the sweep was submitted with. */
  options: z.record(z.string(), z.unknown()),
  submissions: z.array(slurmSubmissionSchema).default([]),
  /** When `sweep cancel` cancelled it. */
  cancelledAt: z.string().optional(),
  /** Set when sbatch refused the last submission (its message), cleared by the next one. */
  refused: z.object({ message: z.string(), at: z.string() }).optional(),
});
export type SweepSlurm = z.output<typeof sweepSlurmSchema>;

export const sweepIndexSchema = z.object({
  formatVersion: z.literal(manifestFormatVersion),
  sweepId: z.string(),
  experiment: z.string(),
  configPath: z.string().optional(),
  createdAt: z.string(),
  parallel: z.number(),
  /** Where the jobs run: absent for the local pool. */
  executor: z.enum(['local', 'slurm']).optional(),
  slurm: sweepSlurmSchema.optional(),
  runs: z.array(
    z.object({
      index: z.number(),
      seed: z.number(),
      overrides: z.record(z.string(), z.unknown()),
      status: z.enum(['pending', 'running', 'done', 'failed', 'cancelled']),
      runDir: z.string().optional(),
      final: finalMetricsSchema.optional(),
      error: z.string().optional(),
    }),
  ),
});
export type SweepIndex = z.output<typeof sweepIndexSchema>;
