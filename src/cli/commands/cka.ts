/**
 * `replens cka <A.npy> <B.npy> [--estimator linear|rbf|debiased] [--rbf-threshold T]
 *  [--permutations N] [--seed S] [--json]`
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type CkaEstimator,
  type CkaOptions,
  type CkaValue,
  type Float64Matrix,
  ShapeError,
  cka,
  ckaEstimators,
} from '../../engine/analysis/cka';
import { float32MinWork } from '../../engine/analysis/cka/products';
import { initBackend } from '../../engine/backend';
import { decodeNpy } from '../../storage/npy';
import { UsageError, exitCodes } from '../errors';
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
  const [a, b] = positionals.map(readMatrix);
  if (a.rows !== b.rows) {
    throw new UsageError(
      `${positionals[0]} has ${a.rows} rows but ${positionals[1]} has ${b.rows}; rows must be the same examples`,
    );
  }
  await fastProducts(a, b);
  let result: CkaValue;
  try {
    result = cka(a, b, opts);
  } catch (e) {
    if (e instanceof ShapeError || e instanceof RangeError) {
      throw new UsageError(e.message);
    }
    throw e;
  }
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

/**
 * Large products run on the tfjs backend when one initialises (else on the float64 loops, same
 * values); small inputs do not wait for a backend to start.
 */
async function fastProducts(a: Float64Matrix, b: Float64Matrix): Promise<void> {
  const [n, d] = [a.rows, a.cols + b.cols];
  if ((Math.min(n, d) * n * d) / 2 < float32MinWork) {
    return;
  }
  try {
    await initBackend('auto');
  } catch {
    // The float64 loops compute the same values.
  }
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

function readMatrix(file: string): Float64Matrix {
  let arr;
  try {
    arr = decodeNpy(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  if (arr.shape.length !== 2) {
    throw new UsageError(
      `${file}: expected a 2-D array [examples, features], got shape (${arr.shape.join(', ')})`,
    );
  }
  return { rows: arr.shape[0], cols: arr.shape[1], data: arr.data };
}
