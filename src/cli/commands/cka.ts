/**
 * `replens cka <A.npy> <B.npy> [--estimator linear|rbf|debiased] [--rbf-threshold T]
 *  [--permutations N] [--seed S] [--json]`
 */
import { parseArgs } from 'node:util';
import {
  type CkaOptions,
  type CkaValue,
  type Float64Matrix,
  matrixCka,
  readNpyMatrix,
} from '../../runner/cka/matrixCka';
import { type CkaEstimator, ckaEstimators } from '../../shared/universalityResults';
import { UsageError, exitCodes, inputErrorsAsUsage } from '../errors';
import type { Cli } from '../cli';

export const ckaUsage =
  'replens cka <A.npy> <B.npy> [--estimator linear|rbf|debiased] [--rbf-threshold T] [--permutations N] [--seed S] [--json]';

/** Runs `replens cka`: CKA of two .npy matrices, printed as text or one JSON document. */
export async function ckaCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      estimator: { type: 'string', default: 'linear' },
      'rbf-threshold': { type: 'string' },
      permutations: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 2) {
    throw new UsageError(`cka needs two .npy files, got ${positionals.length}`);
  }
  const opts = ckaOptions(values);
  const [a, b] = await inputErrorsAsUsage(() => positionals.map(readNpyMatrix));
  if (a.rows !== b.rows) {
    throw new UsageError(
      `${positionals[0]} has ${a.rows} rows but ${positionals[1]} has ${b.rows}; rows must be the same examples`,
    );
  }
  const result = await inputErrorsAsUsage(() => matrixCka(a, b, opts));
  cli.out(values.json ? jsonReport(opts, result, a.rows) : textReport(opts, result, a, b));
  return exitCodes.ok;
}

function ckaOptions(values: {
  estimator: string;
  'rbf-threshold'?: string;
  permutations?: string;
  seed?: string;
}): CkaOptions {
  const estimator = values.estimator as CkaEstimator;
  if (!ckaEstimators.includes(estimator)) {
    throw new UsageError(
      `--estimator must be one of ${ckaEstimators.join(', ')}; got "${values.estimator}"`,
    );
  }
  const opts: CkaOptions = { estimator };
  const threshold = values['rbf-threshold'];
  if (threshold !== undefined) {
    if (estimator !== 'rbf') {
      throw new UsageError('--rbf-threshold applies to --estimator rbf only');
    }
    opts.rbfThreshold = parseNumber(
      '--rbf-threshold',
      threshold,
      'a positive number',
      (v) => v > 0,
    );
  }
  if (values.permutations !== undefined) {
    opts.permutations = parseNumber(
      '--permutations',
      values.permutations,
      'a positive integer',
      (v) => Number.isInteger(v) && v >= 1,
    );
  }
  if (values.seed !== undefined) {
    opts.seed = parseNumber('--seed', values.seed, 'an integer', Number.isInteger);
  }
  return opts;
}

function parseNumber(flag: string, text: string, expected: string, ok: (v: number) => boolean) {
  const v = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(v) || !ok(v)) {
    throw new UsageError(`${flag} must be ${expected}; got "${text}"`);
  }
  return v;
}

function jsonReport(opts: CkaOptions, r: CkaValue, n: number): string {
  const doc: Record<string, unknown> = { estimator: opts.estimator, cka: r.value, n };
  if (r.null !== undefined) {
    const { pValue, mean, low, high, permutations } = r.null;
    doc.pValue = pValue;
    doc.null = { mean, low, high, permutations };
  }
  return JSON.stringify(doc);
}

function textReport(opts: CkaOptions, r: CkaValue, a: Float64Matrix, b: Float64Matrix): string {
  const name =
    opts.estimator === 'rbf' ? `RBF (threshold ${opts.rbfThreshold ?? 1})` : opts.estimator;
  const lines = [
    `${name} CKA = ${r.value.toFixed(6)} (n = ${a.rows}, ${a.cols} vs ${b.cols} features)`,
  ];
  if (r.null !== undefined) {
    const { pValue, mean, low, high, permutations } = r.null;
    lines.push(
      `permutation null (${permutations}, seed ${opts.seed ?? 0}): p = ${pValue.toPrecision(3)}, mean ${mean.toFixed(6)}, 95 % band [${low.toFixed(6)}, ${high.toFixed(6)}]`,
    );
  }
  return lines.join('\n');
}
