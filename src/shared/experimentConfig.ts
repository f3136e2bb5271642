/**
 * The experiment config (`*.replens.json`): one zod schema that is the single source of truth for
 * the TypeScript types, runtime validation and the emitted JSON Schema (completion and hover docs).
 * Every field has a default and a description.
 */
import { z } from 'zod';
import { type activationSchema, modelSchema } from './modelSchemas';
import { taskSchema } from './taskSchemas';
import { analysisKinds } from './analyses';

export * from './modelSchemas';
export * from './taskSchemas';

export const optimizerSchema = z
  .strictObject({
    kind: z.literal('adamw').default('adamw'),
    lr: z.number().gt(0).default(0.001).describe('Peak learning rate.'),
    weightDecay: z
      .number()
      .min(0)
      .default(0.01)
      .describe('Decoupled weight decay λ (PyTorch AdamW): θ ← θ·(1 − lr·λ) before the Adam step.'),
    beta1: z.number().min(0).lt(1).default(0.9).describe('Adam β₁.'),
    beta2: z.number().min(0).lt(1).default(0.999).describe('Adam β₂.'),
    eps: z.number().gt(0).default(1e-8).describe('Adam ε.'),
  })
  .describe('AdamW with PyTorch semantics; all trainable parameters are decayed.');

export const lrScheduleSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant') }).describe('Constant learning rate.'),
    z
      .strictObject({
        kind: z.literal('warmup'),
        warmupSteps: z.int().min(1).default(100).describe('Steps of linear warm-up from 0.'),
      })
      .describe('Linear warm-up to the peak learning rate, then constant.'),
    z
      .strictObject({
        kind: z.literal('inverse-sqrt'),
        warmupSteps: z.int().min(1).default(1000).describe('Steps of linear warm-up from 0.'),
      })
      .describe('Linear warm-up to the peak, then decay ∝ 1/√step (peak · √(warmup/step)).'),
  ])
  .default({ kind: 'constant' })
  .describe('Learning-rate schedule.');

const seedField = z
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const seedsSchema = z
  .strictObject({
    data: seedField.optional().describe('Seed of the dataset split. Defaults to `train.seed`.'),
    embedding: seedField
      .optional()
      .describe('Seed of the embedding init. Defaults to `train.seed`.'),
    mlp: seedField.optional().describe('Seed of the MLP init. Defaults to `train.seed`.'),
    batches: seedField.optional().describe('Seed of minibatch order. Defaults to `train.seed`.'),
  })
  .default({})
  .describe('Per-component seeds, to vary one source of randomness while fixing the others.');

export const trainSchema = z
  .strictObject({
    steps: z.int().min(0).max(10_000_000).default(3000).describe('Optimizer steps.'),
    batchSize: z
      .union([z.literal('full'), z.int().min(1)])
      .default('full')
      .describe('"full" for full-batch gradient descent, or a minibatch size.'),
    optimizer: optimizerSchema.default({
      kind: 'adamw',
      lr: 0.001,
      weightDecay: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
    }),
    lrSchedule: lrScheduleSchema,
    seed: seedField.default(0).describe('Master seed of the run.'),
    seeds: seedsSchema,
    logEvery: z
      .int()
      .min(1)
      .default(10)
      .describe('Evaluate and log train/test loss and accuracy every N steps.'),
    earlyStopping: z
      .strictObject({
        patience: z
          .int()
          .min(1)
          .default(25)
          .describe('Evaluations without a new best validation (test) loss before stopping.'),
      })
      .nullable()
      .default(null)
      .describe('Stop when the validation loss stops improving (null: train all steps).'),
  })
  .describe('Training loop.');

export const checkpointsSchema = z
  .strictObject({
    every: z
      .int()
      .min(1)
      .nullable()
      .default(500)
      .describe('Save a checkpoint every N steps (null: none on a fixed stride).'),
    logSpaced: z
      .int()
      .min(0)
      .default(0)
      .describe('Also save this many checkpoints spaced logarithmically in the step count.'),
  })
  .describe('Checkpoint schedule. Step 0 and the last step are always saved.');

/** Slurm's time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
const slurmTimePattern = /^(\d+-\d+(:\d+){0,2}|\d+(:\d+){0,2})$/;
const slurmName = z.string().regex(/^\S+$/, 'expected a name without spaces');

export const slurmOptionsSchema = z
  .strictObject({
    partition: slurmName.optional().describe('Partition (`--partition`).'),
    time: z
      .string()
      .regex(slurmTimePattern, 'expected a Slurm time: minutes, H:M:S, D-H:M:S …')
      .optional()
      .describe('Time limit per task (`--time`), e.g. "00:30:00" or "1-00:00:00".'),
    cpusPerTask: z.int().min(1).optional().describe('CPUs per task (`--cpus-per-task`).'),
    mem: z
      .string()
      .regex(/^\d+[KMGT]?$/, 'expected a size such as 4G or 2000M')
      .optional()
      .describe('Memory per task (`--mem`), e.g. "4G".'),
    account: slurmName.optional().describe('Account (`--account`).'),
    qos: slurmName.optional().describe('Quality of service (`--qos`).'),
    extraArgs: z
      .array(z.string().regex(/^--?\S/, 'expected an sbatch option such as --constraint=x'))
      .default([])
      .describe('Further sbatch options, e.g. ["--constraint=a100", "--gres=gpu:1"].'),
  })
  .describe('How `replens sweep --executor slurm` submits the sweep (flags override these).');
export type SlurmOptions = z.output<typeof slurmOptionsSchema>;

export const sweepSchema = z
  .strictObject({
    seeds: z
      .array(seedField)
      .min(1)
      .default([0])
      .describe('Seeds; one run per seed and grid cell.'),
    grid: z
      .record(z.string(), z.array(z.unknown()).min(1))
      .default({})
      .describe(
        'Config paths (dotted, e.g. "model.embedDim") to lists of values; all combinations.',
      ),
    fix: z
      .array(z.enum(['embedding', 'mlp', 'dataset']))
      .default([])
      .describe('Randomness to hold fixed across seeds (it keeps the base `train.seed`).'),
    parallel: z
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe(
        'Runs executed at the same time by the local pool (a Slurm array is limited by --parallel only).',
      ),
    slurm: slurmOptionsSchema.optional(),
  })
  .describe('Seeds × grid sweep, over a local process pool or a Slurm array job.');

export const analysisSchema = z
  .looseObject({ kind: z.enum(analysisKinds).describe('Analysis kind.') })
  .describe(
    'An analysis to run on the run’s checkpoints; polca and hessian entries take their options beside `kind`.',
  );

export const backendSchema = z
  .enum(['auto', 'node', 'wasm', 'cpu'])
  .default('auto')
  .describe(
    'tfjs backend: auto picks tfjs-node if it loads, else WASM (SIMD), else the CPU backend.',
  );

/** The whole `*.replens.json` document. */
export const experimentConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference (ignored by Replens).'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
        message: 'use letters, digits, ".", "_" and "-" (it names a folder)',
      })
      .max(100)
      .optional()
      .describe('Experiment name, used as the runs folder. Defaults to the config file name.'),
    task: taskSchema,
    model: modelSchema.default({
      kind: 'embed-mlp',
      embedDim: 128,
      hidden: [100, 100],
      activation: 'silu',
      combine: 'concat',
      embedInitStd: 1,
      freezeEmbedding: false,
    }),
    train: trainSchema.default(() => trainSchema.parse({})),
    checkpoints: checkpointsSchema.default({ every: 500, logSpaced: 0 }),
    sweep: sweepSchema.default({ seeds: [0], grid: {}, fix: [], parallel: 1 }),
    analyses: z.array(analysisSchema).default([]).describe('Analyses shown beside this config.'),
    backend: backendSchema,
  })
  .describe('A Replens experiment.');

export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
export type TaskConfig = ExperimentConfig['task'];
export type ModelConfig = ExperimentConfig['model'];
export type TrainConfig = ExperimentConfig['train'];
export type BackendChoice = ExperimentConfig['backend'];
export type Activation = z.output<typeof activationSchema>;
