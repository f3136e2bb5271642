/**
 * The formal-language task of the rule-extrapolation study: next-token prediction on rows
 * `SOS w EOS PAD…`, plus, for oracle or adversarial training, one extra row per OOD prompt
 * (`prompt completion EOS PAD…`) whose loss counts only from the completion on (ALGORITHMS.md
 * §3.4). Rows: the words first (indices 0..words−1, in generation order), then the extra rows.
 */
import type { Rng } from '../../rng';
import { givenSplit, randomSplit } from '../split';
import type { DatasetInputs, SequenceDataset, TaskDefinition } from '../types';
import { generateWords } from './generators';
import {
  EOS,
  type FormalLanguageConfig,
  PAD,
  SOS,
  languageLabel,
  tokenNames,
  vocabSize,
} from './languages';
import { adversarialCompletion, oracleCompletion, testPrompts } from './prompts';
import {
  formalPromptCounts,
  formalSequenceLength,
  formalWordCount,
} from '../../../shared/tasks/formalLanguageSizes';

/** A row before padding and where its loss starts. */
interface Row {
  tokens: number[];
  lossFrom: number;
}

/**
 * Builds the dataset. `rng` draws the Dyck words and then, for trainFraction < 1, the split of
 * the words; with trainFraction 1 the validation set is the training set (the reference's
 * in-sample validation). A given split (`split.trainIndices`, aⁿbⁿ and aⁿbⁿcⁿ only) takes the
 * train words by index and validates on the others. The OOD prompts of the extra rows are the
 * default test prompts, so they match what the extrapolation analysis evaluates.
 */
export function buildFormalLanguage(
  config: FormalLanguageConfig,
  rng: Rng,
  inputs: DatasetInputs = {},
): SequenceDataset {
  const words = generateWords(config, rng);
  const rows: Row[] = words.map((w) => ({ tokens: [SOS, ...w, EOS], lossFrom: 1 }));
  const extraRows = completionRows(config);
  const seqLen = formalSequenceLength(config);
  const all = [...rows, ...extraRows];
  const tokens = new Int32Array(all.length * seqLen).fill(PAD);
  all.forEach((r, i) => {
    if (r.tokens.length > seqLen) {
      throw new Error(`formal language: row of ${r.tokens.length} tokens exceeds ${seqLen}`);
    }
    tokens.set(r.tokens, i * seqLen);
  });
  const { train, test } = splitWords(words.length, config, rng, inputs);
  const vocab = vocabSize(config.language);
  return {
    kind: 'sequences',
    tokens,
    count: all.length,
    seqLen,
    vocab,
    pad: PAD,
    sos: SOS,
    eos: EOS,
    tokenNames: tokenNames(config.language),
    lossFrom: Int32Array.from(all, (r) => r.lossFrom),
    train,
    test,
    extra: Int32Array.from(extraRows, (_, j) => words.length + j),
    tokenLabels: {},
    numClasses: vocab,
  };
}

/** Oracle or adversarial completions of every OOD prompt; none for normal training. */
export function completionRows(config: FormalLanguageConfig): Row[] {
  if (config.training === 'normal') {
    return [];
  }
  const complete = config.training === 'oracle' ? oracleCompletion : adversarialCompletion;
  return testPrompts(config.language, config.promptLength).ood.map((p) => ({
    tokens: [...p, ...complete(config.language, p)],
    lossFrom: p.length,
  }));
}

/**
 * Train/validation word indices: the given ones (words by n ascending), else all of them twice
 * for trainFraction 1, else a seeded split.
 */
function splitWords(
  n: number,
  { language, split, trainFraction }: FormalLanguageConfig,
  rng: Rng,
  inputs: DatasetInputs,
): { train: Int32Array; test: Int32Array } {
  if (split !== undefined) {
    if (language === 'dyck' || language === 'cs-dyck') {
      throw new Error(`task.split: ${language} words are drawn at random; no given split`);
    }
    if (inputs.trainIndices === undefined) {
      throw new Error(`task.split.trainIndices (${split.trainIndices}) was not read`);
    }
    return givenSplit(n, inputs.trainIndices);
  }
  if (trainFraction === 1) {
    const all = Int32Array.from({ length: n }, (_, i) => i);
    return { train: all, test: all.slice() };
  }
  return randomSplit(n, trainFraction, rng);
}

/** One line: "aⁿbⁿ, words ≤ 64, 32 words; 256 test prompts (5 ID / 251 OOD)". */
export function describeFormalLanguage(config: FormalLanguageConfig): string {
  const { id, ood } = formalPromptCounts(config.language, config.promptLength);
  const words = formalWordCount(config);
  const base =
    `${languageLabel(config.language)}, words ≤ ${config.maxLength}, ${words} words; ` +
    `${id + ood} test prompts (${id} ID / ${ood} OOD)`;
  return config.training === 'normal' ? base : `${base}; ${config.training} completions`;
}

/** The formal-language task kind, for the task registry. */
export const formalLanguage: TaskDefinition<FormalLanguageConfig> = {
  kind: 'formal-language',
  describe: describeFormalLanguage,
  build: buildFormalLanguage,
};
