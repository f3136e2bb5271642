/**
 * Reads and checks the file of a given split (`task.split.trainIndices`): a 1-D integer `.npy`
 * array of train example indices. Every problem is a {@link SplitFileError} naming the file and
 * the reason, thrown before a run folder is made.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { DatasetInputs } from '../engine/tasks/types';
import type { ExperimentConfig, TaskConfig } from '../shared/experimentConfig';
import { taskSize } from '../shared/taskSizes';
import { decodeNpy } from '../storage/npy';
import { AnalysisInputError } from './analysisRuns';

/** A given split's file is missing, unreadable or inconsistent with the task: bad config. */
export class SplitFileError extends Error {
  override name = 'SplitFileError';
  readonly code = 'bad-config';
}

/** A split file read and checked: what the dataset needs and what run.json records. */
export interface LoadedSplit {
  inputs: DatasetInputs;
  /** Absent when the config has no given split. */
  record?: GivenSplitRecord;
}

/** The given split of a run, as recorded in its manifest. */
export interface GivenSplitRecord {
  trainIndices: string;
  sha256: string;
  train: number;
  test: number;
}

const integerDtypes = ['|i1', '<i2', '<i4', '<i8', '|u1', '<u2', '<u4', '<u8'];
const floatDtypes = ['<f4', '<f8'];

/**
 * Reads the train indices of a config's given split, if it has one, and checks them against the
 * task's example count. Throws a SplitFileError naming the file and what is wrong.
 */
export function loadGivenSplit(config: ExperimentConfig): LoadedSplit {
  const { task } = config;
  if (!('split' in task) || typeof task.split !== 'object') {
    return { inputs: {} };
  }
  const file = task.split.trainIndices;
  const fail = (reason: string): never => {
    throw new SplitFileError(`task.split.trainIndices ${file}: ${reason}`);
  };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'file not found' : `cannot read: ${(e as Error).message}`);
  }
  const examples = taskSize(task).examples;
  const trainIndices = checkIndices(decode(bytes, fail), examples, fail);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const train = trainIndices.length;
  return {
    inputs: { trainIndices },
    record: { trainIndices: file, sha256, train, test: examples - train },
  };
}

function decode(bytes: Buffer, fail: (reason: string) => never): Float64Array {
  let array: ReturnType<typeof decodeNpy>;
  try {
    array = decodeNpy(new Uint8Array(bytes));
  } catch (e) {
    const reason = (e as Error).message;
    return fail(reason.startsWith('unsupported') ? `${reason}; need an integer array` : reason);
  }
  const { dtype, shape, data } = array;
  if (!integerDtypes.includes(dtype) && !floatDtypes.includes(dtype)) {
    return fail(`dtype ${dtype} is not an integer type (use int64 or int32)`);
  }
  if (shape.length !== 1) {
    return fail(`shape (${shape.join(', ')}) is not 1-D; need a flat array of indices`);
  }
  if (floatDtypes.includes(dtype)) {
    const at = data.findIndex((v) => !Number.isInteger(v));
    if (at >= 0) {
      fail(
        `${dtype} value ${data[at]} at position ${at} is not a whole number; need integer indices`,
      );
    }
  }
  return data;
}

function checkIndices(
  data: Float64Array,
  examples: number,
  fail: (reason: string) => never,
): Int32Array {
  if (data.length === 0) {
    return fail('no indices: the train set would be empty');
  }
  const seenAt = new Map<number, number>();
  data.forEach((v, at) => {
    if (v < 0 || v >= examples) {
      fail(
        `index ${v} at position ${at} is out of range 0..${examples - 1} (the task has ${examples} examples)`,
      );
    }
    const first = seenAt.get(v);
    if (first !== undefined) {
      fail(
        `index ${v} is listed twice (positions ${first} and ${at}); each index must appear once`,
      );
    }
    seenAt.set(v, at);
  });
  if (data.length === examples) {
    fail(`lists all ${examples} examples: the test set would be empty`);
  }
  return Int32Array.from(data);
}

/**
 * The dataset inputs of an analysed run (its given split, re-read and checked); a problem is an
 * AnalysisInputError naming the run.
 */
export function runSplitInputs(config: ExperimentConfig, runDir: string): DatasetInputs {
  try {
    return loadGivenSplit(config).inputs;
  } catch (e) {
    throw e instanceof SplitFileError ? new AnalysisInputError(`${runDir}: ${e.message}`) : e;
  }
}

/** The task without its given split, for what does not depend on the split (token labels). */
export function withoutGivenSplit(task: TaskConfig): TaskConfig {
  if (!('split' in task) || typeof task.split !== 'object') {
    return task;
  }
  return task.kind === 'family-tree' ? { ...task, split: 'pairs' } : { ...task, split: undefined };
}
