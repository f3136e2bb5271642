/** Config schemas of the model kinds (the `model` section of an experiment config). */
import { z } from 'zod';

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

/** Initial weights loaded from a file instead of the seeded draw (`model.init`). */
export const modelInitSchema = z
  .strictObject({
    from: z
      .string()
      .min(1)
      .describe(
        'A `.safetensors` file, a run folder (its last checkpoint) or a run’s checkpoint file; ' +
          'a relative path is relative to the config file’s folder.',
      ),
    map: z
      .record(z.string(), z.string())
      .optional()
      .describe('Renames source tensors: {"<source name>": "<Replens name>"}.'),
    strict: z
      .boolean()
      .default(true)
      .describe(
        'Missing, extra or mis-shaped tensors are an error (exit 2); false lists them as ' +
          'warnings and leaves the affected parameters at their initial values.',
      ),
    skip: z
      .array(z.string())
      .optional()
      .describe('Replens tensor names left at their initial values (not loaded).'),
  })
  .describe(
    'Start from given weights, `{"from": path, "map"?: {source: replens}, "strict"?: true, ' +
      '"skip"?: [names]}`. `from` is a `.safetensors` file, a run folder (its last checkpoint) or ' +
      'a run’s checkpoint file, relative to the config file’s folder. Tensors are matched by name ' +
      'and shape to the model’s checkpoint layout (docs/models.md); `map` renames source ' +
      'tensors, `skip` leaves named tensors at their initial values; with `strict` (default) a ' +
      'missing, extra or mis-shaped tensor is an error, otherwise a warning. F32, F64, F16 and ' +
      'BF16 load. The optimizer starts fresh at step 0; applied when a run starts, not on resume.',
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
    init: modelInitSchema.optional(),
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
    init: modelInitSchema.optional(),
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
    init: modelInitSchema.optional(),
  })
  .describe('Token embedding, stacked LSTM layers (PyTorch gate order i, f, g, o), a linear head.');

export const modelSchema = z
  .discriminatedUnion('kind', [embedMlpModel, transformerModel, lstmModel])
  .describe('The model.');
