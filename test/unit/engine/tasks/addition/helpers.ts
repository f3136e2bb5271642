/** Test helpers of the addition task: configs and rows written as text. */
import type { AdditionConfig } from '../../../../../src/shared/tasks/additionLayout';
import type { SequenceDataset } from '../../../../../src/engine/tasks/types';
import { experimentConfigSchema } from '../../../../../src/shared/experimentConfig';

/** A validated addition config with defaults filled in. */
export function additionConfig(raw: object = {}): AdditionConfig {
  const task = experimentConfigSchema.parse({
    task: { kind: 'addition', ...raw },
    model: { kind: 'transformer' },
  }).task;
  if (task.kind !== 'addition') {
    throw new Error('not an addition task');
  }
  return task;
}

/** Text of token ids: digits, + and =, with ^ = SOS, $ = EOS, _ = PAD. */
export function text(tokens: ArrayLike<number>): string {
  return Array.from(tokens, (x) => '0123456789+=^$_'[x]).join('');
}

/** Row i of a sequence dataset. */
export function row(ds: SequenceDataset, i: number): Int32Array {
  return ds.tokens.subarray(i * ds.seqLen, (i + 1) * ds.seqLen);
}

/** Position label `name` of row i as a plain array. */
export function labelRow(ds: SequenceDataset, name: string, i: number): number[] {
  const values = ds.positionLabels?.[name];
  if (values === undefined) {
    throw new Error(`no position label ${name}`);
  }
  return Array.from(values.subarray(i * ds.seqLen, (i + 1) * ds.seqLen));
}
