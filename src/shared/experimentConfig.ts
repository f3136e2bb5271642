/**
 * The experiment config (`*.replens.json`): one zod schema that is the single source of truth for
 * the TypeScript types, runtime validation and the emitted JSON Schema (completion and hover docs).
 * Every field has a default and a description.
 */
import { z } from 'zod';

const fraction = z
  .number()
  .gt(0, { message: 'must be strictly between 0 and 1' })
  .lt(1, { message: 'must be strictly between 0 and 1' });

const trainFraction = fraction
  .default(0.8)
  .describe('Fraction of all examples used for training (0 < f < 1); the rest is the test set.');

const splitSeed = z
  .int()
  .min(0)
  .optional()
  .describe('Seed of the train/test split. Defaults to the data seed of the run (`train.seed`).');

/** Modular addition: input (x, y), label (x + y) mod p over all p² pairs. */
export const modularAdditionTask = z
  .strictObject({
    kind: z.literal('modular-addition'),
    p: z
      .int()
      .min(2)
      .max(1000)
      .default(59)
      .describe('Modulus and vocabulary size. Prime p keeps the Fourier analysis meaningful.'),
    trainFraction,
    splitSeed,
  })
  .describe('Modular addition (x + y) mod p.');

/** Remainder equivalence: input (x, y) over N tokens, label [x ≡ y (mod m)], balanced. */
export const remainderEquivalenceTask = z
  .strictObject({
    kind: z.literal('remainder-equivalence'),
    n: z.int().min(2).max(1000).default(60).describe('Number of tokens N (vocabulary 0..N-1).'),
    m: z.int().min(2).max(100).default(5).describe('Modulus m; the label is x ≡ y (mod m).'),
    trainFraction,
    splitSeed,
  })
  .describe(
    'Remainder equivalence: binary label x ≡ y (mod m). All positive pairs are kept and as many ' +
      'negative pairs are drawn (seeded), so both classes are equally frequent.',
  );

/** Multi-digit XOR: tokens are n-bit numbers, label x XOR y. */
export const multiDigitXorTask = z
  .strictObject({
    kind: z.literal('multi-digit-xor'),
    bits: z.int().min(1).max(8).default(4).describe('Bits per token n (vocabulary 2^n).'),
    trainFraction,
    splitSeed,
  })
  .describe('Multi-digit XOR: label x ⊕ y over all pairs of n-bit tokens.');

/** Formal languages for the rule-extrapolation study: next-token prediction on SOS w EOS PAD…. */
export const formalLanguageTask = z
  .strictObject({
    kind: z.literal('formal-language'),
    language: z
      .enum(['anbn', 'anbncn', 'dyck', 'cs-dyck'])
      .default('anbn')
      .describe(
        'aⁿbⁿ, aⁿbⁿcⁿ, nested Dyck with () and [] (dyck), or () and [] matched independently ' +
          '(cs-dyck).',
      ),
    maxLength: z
      .int()
      .min(2)
      .max(1024)
      .default(64)
      .describe('Longest word w; sequences are SOS w EOS padded to maxLength + 2 tokens.'),
    count: z
      .int()
      .min(2)
      .max(100_000)
      .default(512)
      .describe(
        'Dyck languages: number of random words drawn (aⁿbⁿ and aⁿbⁿcⁿ use every n up to the ' +
          'longest word).',
      ),
    trainFraction: z
      .union([z.literal(1), fraction])
      .default(1)
      .describe(
        'Fraction of the words used for training. 1 (the reference recipe) validates on the ' +
          'training words themselves; below 1 the rest is a held-out validation set.',
      ),
    promptLength: z
      .int()
      .min(1)
      .max(16)
      .default(8)
      .describe(
        'Length of the test prompts after SOS: every string of this length over the alphabet ' +
          '(aⁿbⁿ, aⁿbⁿcⁿ), or a valid word of this length behind "( )" (ID) or ") (" (OOD) for Dyck.',
      ),
    training: z
      .enum(['normal', 'oracle', 'adversarial'])
      .default('normal')
      .describe(
        'normal: in-language words only. oracle: also the rule-satisfying completion of every OOD ' +
          'prompt; adversarial: a completion off by one symbol. Only the completion counts in the ' +
          'loss, and the in-language loss is unchanged.',
      ),
    splitSeed,
  })
  .describe('Formal language (rule-extrapolation study): next-token prediction, PAD masked.');

export const taskSchema = z
  .discriminatedUnion('kind', [
    modularAdditionTask,
    remainderEquivalenceTask,
    multiDigitXorTask,
    formalLanguageTask,
  ])
  .describe('The task: what the model learns.');

export const activationSchema = z
  .enum(['relu', 'silu', 'gelu'])
  .default('silu')
  .describe('Activation after every hidden layer (gelu is the tanh approximation).');

/** Scales the initial embedding's Fourier spectrum at chosen frequencies (modular addition). */
export const embedPerturbationSchema = z
  .strictObject({
    frequencies: z
      .array(z.int().min(1))
      .min(1)
      .describe(
        'Frequencies k (1 ≤ k ≤ (p−1)/2) whose spectrum is scaled, with their conjugates p−k.',
      ),
    scale: z
      .number()
      .min(0)
      .describe(
        'Factor α applied to F_k and F_{p−k} of the initial embedding (1 leaves it unchanged).',
      ),
  })
  .describe(
    'Perturbation intervention: after the N(0, σ²) draw, the initial embedding’s DFT along the ' +
      'token axis is multiplied by α at the chosen frequencies and transformed back. Modular ' +
      'addition only; sweep `model.embedPerturbation.scale` to measure survival against α.',
  );

/** Embedding followed by an MLP; the two token embeddings are concatenated or summed. */
export const embedMlpModel = z
  .strictObject({
    kind: z.literal('embed-mlp'),
    embedDim: z.int().min(1).max(4096).default(128).describe('Embedding dimension d.'),
    hidden: z
      .array(z.int().min(1, { message: 'hidden sizes must be ≥ 1' }).max(65536))
      .default([100, 100])
      .describe('Widths of the hidden layers of the MLP, in order.'),
    activation: activationSchema,
    combine: z
      .enum(['concat', 'sum'])
      .default('concat')
      .describe('How the two token embeddings enter the MLP: concatenated (2d) or summed (d).'),
    embedInitStd: z
      .number()
      .gt(0)
      .default(1)
      .describe(
        'Standard deviation σ of the N(0, σ²) embedding init (1 as in the reference recipe).',
      ),
    freezeEmbedding: z
      .boolean()
      .default(false)
      .describe('Keep the embedding at its initial value (not trained, not decayed).'),
    embedPerturbation: embedPerturbationSchema.optional(),
  })
  .describe(
    'Shared learnable token embedding, then an MLP. Linear layers use PyTorch default init ' +
      '(weights and biases U(-1/√fan_in, 1/√fan_in)).',
  );

/** Decoder-only transformer (self-attention with a causal mask and a PAD key mask). */
export const transformerModel = z
  .strictObject({
    kind: z.literal('transformer'),
    dModel: z.int().min(1).max(4096).default(16).describe('Model width d_model.'),
    heads: z.int().min(1).max(64).default(4).describe('Attention heads (must divide dModel).'),
    layers: z.int().min(1).max(64).default(2).describe('Transformer blocks.'),
    dFF: z.int().min(1).max(65536).default(64).describe('Width of the feed-forward block.'),
    dropout: z.number().min(0).lt(1).default(0.1).describe('Dropout rate during training.'),
    layerNormEps: z.number().gt(0).default(1e-5).describe('LayerNorm ε.'),
    norm: z
      .enum(['post', 'pre'])
      .default('post')
      .describe('Post-norm (x + f(x), then LayerNorm, as nn.TransformerEncoderLayer) or pre-norm.'),
  })
  .describe(
    'Decoder-only transformer: token embedding × √d_model + sinusoidal positions, blocks of ' +
      'causal multi-head self-attention (PAD keys masked) and a ReLU feed-forward, a linear head.',
  );

/** Stacked LSTM language model. */
export const lstmModel = z
  .strictObject({
    kind: z.literal('lstm'),
    embedDim: z.int().min(1).max(4096).default(16).describe('Token embedding width.'),
    hidden: z.int().min(1).max(4096).default(64).describe('Hidden units per layer.'),
    layers: z.int().min(1).max(16).default(2).describe('Stacked LSTM layers.'),
    dropout: z
      .number()
      .min(0)
      .lt(1)
      .default(0)
      .describe('Dropout between LSTM layers during training.'),
  })
  .describe('Token embedding, stacked LSTM layers (PyTorch gate order i, f, g, o), a linear head.');

export const modelSchema = z
  .discriminatedUnion('kind', [embedMlpModel, transformerModel, lstmModel])
  .describe('The model.');

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
    parallel: z.int().min(1).max(64).default(1).describe('Runs executed at the same time.'),
  })
  .describe('Seeds × grid sweep over a local process pool.');

export const analysisKinds = [
  'cka',
  'embedding',
  'completeness',
  'stitching',
  'extrapolation',
  'polca',
  'hessian',
] as const;

export const analysisSchema = z
  .looseObject({ kind: z.enum(analysisKinds).describe('Analysis kind.') })
  .describe('An analysis to run on the run’s checkpoints; its own options sit beside `kind`.');

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
