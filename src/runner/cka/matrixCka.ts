/**
 * `replens cka`: CKA of two representation matrices stored as .npy files (rows = the same
 * examples). Bad files and bad shapes or options throw AnalysisInputError with the reason.
 */
import * as fs from 'node:fs';
import {
  type CkaOptions,
  type CkaValue,
  type Float64Matrix,
  ShapeError,
  cka,
} from '../../engine/analysis/cka';
import { float32MinWork } from '../../engine/analysis/cka/products';
import { initBackend } from '../../engine/backend';
import { decodeNpy } from '../../storage/npy';
import { AnalysisInputError } from '../analysisRuns';

export type { CkaOptions, CkaValue, Float64Matrix };

/** A 2-D .npy array [examples, features] as a float64 matrix. */
export function readNpyMatrix(file: string): Float64Matrix {
  let arr;
  try {
    arr = decodeNpy(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    throw new AnalysisInputError(`${file}: ${(e as Error).message}`);
  }
  if (arr.shape.length !== 2) {
    throw new AnalysisInputError(
      `${file}: expected a 2-D array [examples, features], got shape (${arr.shape.join(', ')})`,
    );
  }
  return { rows: arr.shape[0], cols: arr.shape[1], data: arr.data };
}

/**
 * CKA of a [n, p] and b [n, q], with its permutation null when `opts.permutations` is set.
 * Large products run on the tfjs backend when one initialises (else on the float64 loops, same
 * values); small inputs do not wait for a backend to start.
 */
export async function matrixCka(
  a: Float64Matrix,
  b: Float64Matrix,
  opts: CkaOptions,
): Promise<CkaValue> {
  await fastProducts(a, b);
  try {
    return cka(a, b, opts);
  } catch (e) {
    if (e instanceof ShapeError || e instanceof RangeError) {
      throw new AnalysisInputError(e.message);
    }
    throw e;
  }
}

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
