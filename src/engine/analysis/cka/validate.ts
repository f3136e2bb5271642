/** Checks of CKA inputs and options; messages say what was expected. */
import { type CkaOptions, type Float64Matrix, ShapeError, ckaEstimators } from './types';

/** Throws ShapeError for inconsistent shapes, RangeError for bad options or non-finite values. */
export function validateInputs(
  a: Float64Matrix[],
  b: Float64Matrix[] | undefined,
  opts: CkaOptions,
): void {
  validateOptions(opts);
  if (a.length === 0 || b?.length === 0) {
    throw new ShapeError('CKA needs at least one representation on each side, got an empty list');
  }
  const n = a[0].rows;
  for (const m of [...a, ...(b ?? [])]) {
    if (m.rows !== n) {
      throw new ShapeError(`CKA needs the same examples in both: ${n} rows vs ${m.rows} rows`);
    }
    if (!Number.isInteger(m.cols) || m.cols < 1 || m.data.length !== m.rows * m.cols) {
      throw new ShapeError(
        `CKA needs [examples, features] matrices with at least one feature and rows·cols values; got [${m.rows}, ${m.cols}] with ${m.data.length} values`,
      );
    }
  }
  const minRows = opts.estimator === 'debiased' ? 4 : 2;
  if (n < minRows) {
    throw new ShapeError(`${opts.estimator} CKA needs at least ${minRows} examples, got ${n}`);
  }
  for (const m of [...a, ...(b ?? [])]) {
    assertFinite(m);
  }
}

function assertFinite(m: Float64Matrix): void {
  const { data } = m;
  let probe = 0;
  for (let k = 0; k < data.length; k++) {
    probe += data[k] * 0; // NaN for NaN and ±Infinity, else 0
  }
  if (probe === 0) {
    return;
  }
  const bad = data.findIndex((v) => !Number.isFinite(v));
  throw new RangeError(
    `CKA needs finite values; row ${Math.floor(bad / m.cols)}, column ${bad % m.cols} is ${data[bad]}`,
  );
}

function validateOptions(opts: CkaOptions): void {
  if (!ckaEstimators.includes(opts.estimator)) {
    throw new RangeError(
      `CKA estimator must be one of ${ckaEstimators.join(', ')}; got "${String(opts.estimator)}"`,
    );
  }
  const t = opts.rbfThreshold;
  if (t !== undefined && !(Number.isFinite(t) && t > 0)) {
    throw new RangeError(`rbfThreshold must be a positive number, got ${t}`);
  }
  const perms = opts.permutations;
  if (perms !== undefined && !(Number.isInteger(perms) && perms >= 0)) {
    throw new RangeError(`permutations must be a non-negative integer, got ${perms}`);
  }
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) {
    throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  }
}
