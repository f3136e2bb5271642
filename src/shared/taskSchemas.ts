/** Config schemas of the task kinds (the `task` section of an experiment config). */
import { z } from 'zod';

export const fraction = z
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

/**
 * A split given as a file: the train examples by index into the task's full example list (its
 * order is in each task's description); every other example is a test example.
 */
export const givenSplit = z
  .strictObject({
    trainIndices: z
      .string()
      .min(1, { message: 'must name a .npy file' })
      .describe(
        'Path of a 1-D integer .npy array (int8–int64 or uint8–uint64; a float array only if ' +
          'every value is a whole number) of example indices used for training, each once; ' +
          'every other example is a test example. A relative path is relative to the config ' +
          "file's folder. The file is read when the run starts and its SHA-256 is recorded in " +
          'run.json.',
      ),
  })
  .describe(
    'Train examples given by index, `{ "trainIndices": "<file>.npy" }` (e.g. the split of a ' +
      'reference run in another framework): a 1-D integer .npy array (int8–int64, uint8–uint64, ' +
      'or float with whole values only) of indices into the example order above, each once; ' +
      'every other example is a test example. A relative path is relative to the config ' +
      "file's folder. The file is checked when the run starts and its SHA-256 is recorded in " +
      'run.json. When set, trainFraction and splitSeed are ignored.',
  );

const pairSplit = givenSplit.optional();

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
    split: pairSplit,
  })
  .describe(
    'Modular addition (x + y) mod p. Examples are all p² ordered pairs; example a·p + b is ' +
      '(a, b) (a, b in 0..p−1), the order `split.trainIndices` refers to.',
  );

/** Remainder equivalence: input (x, y) over N tokens, label [x ≡ y (mod m)], balanced. */
export const remainderEquivalenceTask = z
  .strictObject({
    kind: z.literal('remainder-equivalence'),
    n: z.int().min(2).max(1000).default(60).describe('Number of tokens N (vocabulary 0..N-1).'),
    m: z.int().min(2).max(100).default(5).describe('Modulus m; the label is x ≡ y (mod m).'),
    trainFraction,
    splitSeed,
    split: pairSplit,
  })
  .describe(
    'Remainder equivalence: binary label x ≡ y (mod m). All positive pairs are kept and as many ' +
      'negative pairs are drawn (seeded), so both classes are equally frequent. With ' +
      '`split.trainIndices` no pairs are drawn: the examples are all n² ordered pairs, example ' +
      'a·n + b being (a, b), and the test set is every pair not listed (so its classes need not ' +
      'be balanced).',
  );

/** Multi-digit XOR: tokens are n-bit numbers, label x XOR y. */
export const multiDigitXorTask = z
  .strictObject({
    kind: z.literal('multi-digit-xor'),
    bits: z.int().min(1).max(8).default(4).describe('Bits per token n (vocabulary 2^n).'),
    trainFraction,
    splitSeed,
    split: pairSplit,
  })
  .describe(
    'Multi-digit XOR: label x ⊕ y over all pairs of n-bit tokens. Examples are all 4^n ordered ' +
      'pairs; example a·2^n + b is (a, b), the order `split.trainIndices` refers to.',
  );

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
    split: givenSplit
      .optional()
      .describe(
        'aⁿbⁿ and aⁿbⁿcⁿ: the train words given by index, `{ "trainIndices": "<file>.npy" }`, ' +
          'as for the pair tasks (example order: the words by n ascending, so example i is the ' +
          'word with n = i + 1; oracle or adversarial completion rows always train). Every other ' +
          'word is a validation word; trainFraction and splitSeed are then ignored. Not for the ' +
          'Dyck languages, whose words are drawn at random with the data seed.',
      ),
  })
  .describe('Formal language (rule-extrapolation study): next-token prediction, PAD masked.');

/** n-digit addition as next-token prediction: SOS a₁…aₙ + b₁…bₙ = answer, loss on the answer. */
export const additionTask = z
  .strictObject({
    kind: z.literal('addition'),
    digits: z
      .int()
      .min(1)
      .max(6)
      .default(3)
      .describe(
        'Digits n of each operand, zero-padded and most significant first; the answer has ' +
          'n + 1 digits (its leading digit is the final carry, possibly 0).',
      ),
    reverseAnswer: z
      .boolean()
      .default(true)
      .describe(
        'Write the answer least significant digit first, so the carry into every digit follows ' +
          'from tokens already seen; false writes it most significant first.',
      ),
    count: z
      .int()
      .min(2)
      .max(100_000)
      .default(10_000)
      .describe(
        'Distinct operand pairs (a, b), drawn uniformly with the data seed (`splitSeed`). Capped ' +
          'at the 10^(2n) pairs there are: a larger count uses every pair.',
      ),
    trainFraction,
    splitSeed,
  })
  .describe(
    'n-digit addition: next-token prediction on SOS a₁…aₙ + b₁…bₙ = c, where only the n + 1 ' +
      'answer digits count in the loss. Every answer position is labelled with its digit index ' +
      'and carry skills (carryIn, cascadingCarry, leadingOne). Needs a transformer or lstm model.',
  );

/** Relations of the family-tree task, in the order of the model's outputs. */
export const familyRelations = [
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'ancestor',
  'descendant',
  'cousin',
  'aunt_uncle',
  'niece_nephew',
  'same_generation',
] as const;

export type FamilyRelation = (typeof familyRelations)[number];

/** Family tree: which relations hold between two persons of a generated genealogy. */
export const familyTreeTask = z
  .strictObject({
    kind: z.literal('family-tree'),
    generations: z
      .int()
      .min(2)
      .max(8)
      .default(6)
      .describe('Generations G, the root included: Σ_{g<G} c^g persons (63 for G = 6, c = 2).'),
    children: z
      .int()
      .min(1)
      .max(5)
      .default(2)
      .describe('Children c of every person outside the last generation.'),
    shuffleIds: z
      .boolean()
      .default(true)
      .describe(
        'Number persons by a fixed seeded permutation (the same in every run), so the id order ' +
          'carries no information about the tree; false numbers them breadth-first, root 0.',
      ),
    relations: z
      .array(z.enum(familyRelations))
      .min(1)
      .default(() => [...familyRelations])
      .describe(
        'Relations to predict (each listed once), one sigmoid output each; outputs follow the ' +
          'order of the full list (the default). R(A, B) reads "A is the R of B"; cousin and ' +
          'aunt_uncle are first-degree, same_generation is equal depth.',
      ),
    split: z
      .union([z.enum(['pairs', 'persons']), givenSplit])
      .default('pairs')
      .describe(
        'pairs: a random split of the ordered pairs. persons: a trainFraction of the persons ' +
          '(seeded) are train persons; pairs of two train persons train, every pair involving a ' +
          'held-out person is a test pair. { "trainIndices": "<file>.npy" }: the train pairs by ' +
          'index, as for the pair tasks (example order: every ordered pair (a, b) of distinct ' +
          'person ids, a major, so pair (a, b) is example a·(N−1) + b − [b > a] for N persons; ' +
          'ids as numbered by shuffleIds). trainFraction and splitSeed are then ignored.',
      ),
    trainFraction: fraction
      .default(0.8)
      .describe(
        'Fraction of the ordered pairs (split "pairs") or of the persons (split "persons") used ' +
          'for training (0 < f < 1).',
      ),
    splitSeed,
  })
  .describe(
    'Family tree: a rooted tree where every person of generations 0..G−2 has c children. Every ' +
      'ordered pair of distinct persons is an example with a multi-hot target over the chosen ' +
      'relations (sigmoid outputs, binary cross-entropy); accuracy is balanced accuracy over all ' +
      '(pair, relation) entries. Needs the embed-mlp model.',
  );

export const taskSchema = z
  .discriminatedUnion('kind', [
    modularAdditionTask,
    remainderEquivalenceTask,
    multiDigitXorTask,
    formalLanguageTask,
    familyTreeTask,
    additionTask,
  ])
  .describe('The task: what the model learns.');
