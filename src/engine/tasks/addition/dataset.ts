/**
 * The addition task: next-token prediction on rows `SOS a₁…aₙ + b₁…bₙ = answer` (layout.ts),
 * one row per distinct operand pair in draw order, with the loss on the n + 1 answer tokens only
 * (`lossFrom` = the first answer position) and the carry skills of every answer position as
 * position labels (labels.ts).
 */
import type { Rng } from '../../rng';
import { randomSplit } from '../split';
import type { SequenceDataset, TaskDefinition } from '../types';
import { encodeAddition, sampleOperandPairs } from './generator';
import { positionLabels } from './labels';
import {
  ADDITION_VOCAB,
  type AdditionConfig,
  EOS,
  PAD,
  SOS,
  additionExampleCount,
  additionPairTotal,
  additionSequenceLength,
  additionTokenNames,
  answerStart,
} from '../../../shared/tasks/additionLayout';

/** The addition task kind, for the task registry. */
export const additionTask: TaskDefinition<AdditionConfig> = {
  kind: 'addition',
  describe: describeAddition,
  build: buildAddition,
};

/**
 * Builds the dataset. `rng` draws the operand pairs and then the train/test split of them, so
 * one seed fixes both.
 */
export function buildAddition(config: AdditionConfig, rng: Rng): SequenceDataset {
  const { digits, reverseAnswer } = config;
  const pairs = sampleOperandPairs(digits, additionExampleCount(config), rng);
  const seqLen = additionSequenceLength(digits);
  const tokens = new Int32Array(pairs.length * seqLen);
  pairs.forEach(({ a, b }, i) =>
    tokens.set(encodeAddition(a, b, digits, reverseAnswer), i * seqLen),
  );
  const { train, test } = randomSplit(pairs.length, config.trainFraction, rng);
  return {
    kind: 'sequences',
    tokens,
    count: pairs.length,
    seqLen,
    vocab: ADDITION_VOCAB,
    pad: PAD,
    sos: SOS,
    eos: EOS,
    tokenNames: [...additionTokenNames],
    lossFrom: new Int32Array(pairs.length).fill(answerStart(digits)),
    train,
    test,
    extra: new Int32Array(0),
    tokenLabels: {},
    numClasses: ADDITION_VOCAB,
    positionLabels: positionLabels(pairs, digits, reverseAnswer, seqLen),
  };
}

/** One line: "3-digit addition, answer least significant digit first; 10000 of 10^6 pairs". */
export function describeAddition(config: AdditionConfig): string {
  const order = config.reverseAnswer ? 'least' : 'most';
  const total = additionPairTotal(config.digits);
  const examples = additionExampleCount(config);
  const pairs =
    examples === total ? `all ${total} pairs` : `${examples} of 10^${2 * config.digits} pairs`;
  return `${config.digits}-digit addition, answer ${order} significant digit first; ${pairs}`;
}
