/**
 * Matching tensors across two vocabularies by token (a fine-tune on a task whose tokens differ
 * from the parent's, e.g. aⁿbⁿ → aⁿbⁿcⁿ): a tensor whose first axis is the vocabulary takes, for
 * each of the model's tokens, the source row of the token of the same name.
 */
import type { TensorData } from '../../shared/checkpoint';

/** Token names of the source (the parent run's task) and of the model (this run's task). */
export interface VocabularyRows {
  source: readonly string[];
  target: readonly string[];
}

/**
 * For a source tensor `[Vs, …]` and a model tensor `[Vt, …]` with the same trailing axes, where
 * Vs and Vt are the two vocabularies' sizes and the vocabularies differ: the source row of each
 * model row (−1 for a token the source lacks). Undefined when the tensor is not such a tensor.
 */
export function rowTensor(
  t: TensorData,
  shape: readonly number[],
  vocab: VocabularyRows,
): Int32Array | undefined {
  const { source, target } = vocab;
  const sameNames = source.length === target.length && source.every((n, i) => n === target[i]);
  if (
    sameNames ||
    t.shape.length !== shape.length ||
    t.shape[0] !== source.length ||
    shape[0] !== target.length ||
    t.shape.some((n, i) => i > 0 && n !== shape[i])
  ) {
    return undefined;
  }
  return Int32Array.from(target, (name) => source.indexOf(name));
}

/**
 * The line that says what matching by token does to a tensor: which rows load, which keep their
 * initial values, which source rows go unused.
 */
export function vocabularyRowNote(
  name: string,
  from: readonly number[],
  to: readonly number[],
  { source, target }: VocabularyRows,
): string {
  const shared = target.filter((n) => source.includes(n));
  const added = target.filter((n) => !source.includes(n));
  const dropped = source.filter((n) => !target.includes(n));
  const parts = [
    `vocabulary tensor "${name}" [${from.join(', ')}] → [${to.join(', ')}]: rows of ${list(shared)} load by token`,
  ];
  if (added.length > 0) {
    parts.push(
      `${list(added)} (not in the source's vocabulary) keep${added.length === 1 ? 's' : ''} initial values`,
    );
  }
  if (dropped.length > 0) {
    parts.push(`the source's ${list(dropped)} unused`);
  }
  return parts.join('; ');
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'no token' : names.join(', ');
}
